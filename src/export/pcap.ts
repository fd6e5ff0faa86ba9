/**
 * A run as a capture file that Wireshark and tshark open (libpcap, Ethernet; see pcapWriter.ts).
 *
 * What is on the wire, and when (simulated ms after EPOCH_SECONDS, 2026-01-01T00:00:00Z):
 * - Every hop and every handshake segment of every record that has an `out` header is one frame,
 *   at its `at`, with exactly `out`'s addresses and ports: the packet as it LEFT that node. Nothing
 *   else of a record is a TCP frame: a hop with only `in` (a packet arriving, or arriving again
 *   after a retransmission the engine records only where it lands) was written when it left. So
 *   tshark, reading the file in order, shows the addresses the page shows, hop by hop, NAT
 *   rewrite included: the rule the tests check.
 * - Hops carry HTTP/1.1 (PSH, ACK): the request line and headers on the way in, the status on
 *   the way back, in L4 and L7 alike (an L4 balancer forwards the bytes it never reads), except
 *   a hop whose packet is a reset (RST, ACK; see pcapSteps.ts); handshake segments carry their
 *   flags (SYN, SYN-ACK, ACK, RST) and no data.
 * - A record's DNS lookup: a UDP query from the client to RESOLVER_IP:53 and the A answer
 *   with the address the engine resolved.
 * - VRRP: each 'advert' is a VRRP advertisement from the master's address to 224.0.0.18 with its
 *   priority; each 'garp' is `count` gratuitous ARPs giving the VIP the virtual router's MAC.
 *   The other VRRP records (roles, failures) are states, not packets.
 * - Health checks (HAProxy's TCP check): SYN from the balancer, and when it succeeded the
 *   server's SYN-ACK and the balancer's RST that closes it, as HAProxy does.
 * - An HTTP message longer than the MSS (1460 bytes: a 1500-byte Ethernet MTU less the IPv4 and
 *   TCP headers) goes as several segments at the same moment, each at most the MSS, numbered on
 *   from the one before, PSH on the last: tshark reassembles them into the message.
 * MACs are invented: 02:00 and the IP's four bytes, and the VIP is at the virtual router's MAC.
 *
 * Packets wait in a PacketQueue and are written in time order as soon as nothing can come
 * before them (pcapRun.ts streams a run this way); TCP numbers are given in that order, as a
 * stack would, so a connection's later request carries on from its earlier one on the wire.
 */
import { balancerIndex, isClient, isServer } from '../sim/nodes.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { Header, ProbeRecord, RequestRecord, VrrpRecord } from '../sim/types.ts';
import { DNS_PORT, RESOLVER_IP, dnsAnswer, dnsQuery } from './pcapDns.ts';
import { httpRequest, httpResponse, statusSent } from './pcapHttp.ts';
import { DATA, DIRECTIONS_KEPT, ENDPOINTS, FLAGS, TcpNumbers } from './pcapTcp.ts';
import { RecentMap } from './recentMap.ts';
import { VIRTUAL_MAC, VRRP_GROUP, VRRP_GROUP_MAC, VRRP_TTL, vrrpAdvert } from './pcapVrrp.ts';
import { resetHops, stepsOf } from './pcapSteps.ts';
import { PacketQueue, Source } from './pcapQueue.ts';
import { joinPieces, PcapWriter } from './pcapWriter.ts';
import {
  PROTO_VRRP,
  MSS,
  TCP_ACK,
  TCP_PSH,
  TCP_RST,
  TCP_SYN,
  gratuitousArpFrame,
  ipBytes,
  macOf,
  rawIpv4Frame,
  tcpFrame,
  udpFrame,
  type Ipv4Addressing,
} from './packetBytes.ts';

export { EPOCH_SECONDS } from './pcapWriter.ts';

/** What a capture needs of a run: the engine's RunResult and the page's Trace both have it. */
export interface PcapInput {
  records: RequestRecord[];
  vrrp: VrrpRecord[];
  probes?: ProbeRecord[];
}

const TTL = 64;
/** The first port of the clients' DNS queries and the balancers' health checks (IANA's dynamic range). */
const DYNAMIC_PORTS = 49152;

/** "ip:port" split at its last colon. */
export function splitEndpoint(e: string): { ip: string; port: number } {
  const at = e.lastIndexOf(':');
  return at < 0 ? { ip: e, port: 0 } : { ip: e.slice(0, at), port: Number(e.slice(at + 1)) & 0xffff };
}

/**
 * A run's packets as they are made, written in time order to `out` (see PacketQueue): `record`,
 * `vrrp` and `probe` take the engine's records in any order; `release` writes what can no
 * longer be preceded, `finish` the rest.
 */
export class Capture {
  readonly queue = new PacketQueue();
  private readonly tcp = new TcpNumbers();
  private ipId = 0;
  private readonly vip: string;
  private vrrpCount = 0;
  private probeCount = 0;

  /** `upToMs`: packets after this simulated time are left out (the page's "up to now"). */
  constructor(
    private readonly scenario: Scenario,
    readonly out: PcapWriter,
    private readonly upToMs = Infinity,
  ) {
    this.vip = scenario.network.vip;
  }

  /** Writes every packet earlier than `until`. */
  release(until: number): void {
    this.queue.release(until, this.upToMs);
  }

  /** Writes every packet left and hands on the file's last piece. */
  finish(): void {
    this.queue.release(Infinity, this.upToMs);
    this.out.flush();
  }

  /** Each address's bytes and MAC, made once: a run has few addresses and many packets. */
  private readonly hosts = new Map<string, { ip: Uint8Array; mac: Uint8Array }>();

  private host(ip: string): { ip: Uint8Array; mac: Uint8Array } {
    let h = this.hosts.get(ip);
    if (!h) {
      const bytes = ipBytes(ip);
      h = { ip: bytes, mac: ip === this.vip ? VIRTUAL_MAC : macOf(bytes) };
      this.hosts.set(ip, h);
    }
    return h;
  }

  private addressing(srcIp: string, dstIp: string, ttl = TTL): Ipv4Addressing {
    const src = this.host(srcIp);
    const dst = this.host(dstIp);
    this.ipId = (this.ipId + 1) & 0xffff;
    return { src: src.ip, dst: dst.ip, srcMac: src.mac, dstMac: dst.mac, ttl, id: this.ipId };
  }

  /**
   * Each endpoint split once, and numbered for TcpNumbers; forgotten when unused for long (every
   * connection has its own client port), so numbers wrap below ENDPOINTS: an id comes round again
   * only long after TcpNumbers has forgotten its directions.
   */
  private readonly endpoints = new RecentMap<string, { id: number; ip: string; port: number }>(DIRECTIONS_KEPT);
  private endpointCount = 0;

  private endpoint(e: string): { id: number; ip: string; port: number } {
    let found = this.endpoints.get(e);
    if (!found) {
      found = { id: this.endpointCount++ % ENDPOINTS, ...splitEndpoint(e) };
      this.endpoints.set(e, found);
    }
    return found;
  }

  /** A TCP packet, as segments of at most the MSS when it carries more (PSH on the last only). */
  private tcpPacket(at: number, h: Header, flags: number, payload: Uint8Array, salt: number, retransmission = false): void {
    const src = this.endpoint(h.src);
    const dst = this.endpoint(h.dst);
    const { seq, ack } = this.tcp.segment(h, src.id, dst.id, flags, payload.length, salt, retransmission);
    const alloc = (n: number) => this.out.frame(at, n);
    let offset = 0;
    do {
      const end = Math.min(payload.length, offset + MSS);
      const last = end === payload.length;
      const fields = {
        srcPort: src.port,
        dstPort: dst.port,
        seq: (seq + offset) >>> 0,
        ack,
        flags: last ? flags : flags & ~TCP_PSH,
        payload: payload.subarray(offset, end),
      };
      tcpFrame(this.addressing(src.ip, dst.ip), fields, alloc);
      offset = end;
    } while (offset < payload.length);
  }

  private udpPacket(at: number, srcIp: string, dstIp: string, srcPort: number, dstPort: number, payload: Uint8Array): void {
    udpFrame(this.addressing(srcIp, dstIp), srcPort, dstPort, payload, (n) => this.out.frame(at, n));
  }

  /** A request's packets: its DNS lookup, then its hops and handshake segments. */
  record(r: RequestRecord): void {
    const net = this.scenario.network;
    const q = this.queue;
    let n = 0;
    const dns = r.dns;
    if (dns) {
      const port = DYNAMIC_PORTS + (r.id % 16384);
      q.add(dns.at, Source.Request, r.id, n++, () => this.udpPacket(dns.at, r.client, RESOLVER_IP, port, DNS_PORT, dnsQuery(r.id, dns)));
      q.add(dns.answeredAt, Source.Request, r.id, n++, () =>
        this.udpPacket(dns.answeredAt, RESOLVER_IP, r.client, DNS_PORT, port, dnsAnswer(r.id, dns, net.dnsTtlMs)),
      );
    }
    const empty = new Uint8Array(0);
    const reset = resetHops(r.hops);
    // A node sending the same packet again (a client retrying a VIP nobody held) retransmits it.
    const sent = new Set<string>();
    let hopIndex = 0;
    for (const step of stepsOf(r)) {
      if (step.segment) {
        const s = step.segment;
        const out = s.out;
        if (out) q.add(s.at, Source.Request, r.id, n++, () => this.tcpPacket(s.at, out, FLAGS[s.flags], empty, r.id));
        continue;
      }
      const { hop } = step;
      const isReset = reset[hopIndex++]!;
      const out = hop.out;
      if (!out) continue;
      const key = `${hop.node} ${hop.dir} ${out.src}>${out.dst}`;
      const again = sent.has(key);
      sent.add(key);
      const at = hop.at;
      // The bytes are made when the packet is written: only the packets in flight wait in memory.
      const send = isReset
        ? () => this.tcpPacket(at, out, FLAGS.RST, empty, r.id)
        : hop.dir === 'request'
          ? () => this.tcpPacket(at, out, DATA, httpRequest(r, net.serviceName, isClient(hop.node)), r.id, again)
          : () => this.tcpPacket(at, out, DATA, httpResponse(statusSent(r, isServer(hop.node)), r.setCookie), r.id, again);
      q.add(at, Source.Request, r.id, n++, send);
    }
  }

  vrrp(v: VrrpRecord): void {
    const number = this.vrrpCount++;
    if (v.kind === 'advert' || v.kind === 'garp') this.queue.add(v.at, Source.Vrrp, number, 0, () => this.vrrpPacket(v));
  }

  private vrrpPacket(v: VrrpRecord): void {
    const { network, balancers } = this.scenario;
    const index = balancerIndex(v.balancer);
    const from = network.balancerIps[index];
    if (v.kind === 'advert') {
      const a = this.addressing(from, VRRP_GROUP, VRRP_TTL);
      const payload = vrrpAdvert({
        version: balancers.version,
        priority: balancers.priorities[index],
        advertIntervalMs: balancers.advertIntervalMs,
        vip: ipBytes(this.vip),
        src: a.src,
        dst: a.dst,
      });
      rawIpv4Frame({ ...a, srcMac: VIRTUAL_MAC, dstMac: VRRP_GROUP_MAC }, PROTO_VRRP, payload, (n) => this.out.frame(v.at, n));
    } else if (v.kind === 'garp') {
      const vip = ipBytes(this.vip);
      for (let i = 0; i < (v.count ?? 1); i++) gratuitousArpFrame(VIRTUAL_MAC, vip, (n) => this.out.frame(v.at, n));
    }
  }

  /** A health check: SYN; SYN-ACK and the balancer's RST when it passed. */
  probe(p: ProbeRecord): void {
    const i = this.probeCount++;
    const server = this.scenario.servers.find((s) => s.name === p.server);
    if (!server) return;
    const h: Header = {
      src: `${this.scenario.network.balancerIps[balancerIndex(p.balancer)]}:${DYNAMIC_PORTS + (i % 16384)}`,
      dst: `${server.ip}:${server.port}`,
    };
    const empty = new Uint8Array(0);
    const salt = -1 - i;
    const q = this.queue;
    q.add(p.at, Source.Probe, i, 0, () => this.tcpPacket(p.at, h, TCP_SYN, empty, salt));
    if (!p.ok) return;
    q.add(p.doneAt, Source.Probe, i, 1, () => this.tcpPacket(p.doneAt, { src: h.dst, dst: h.src }, TCP_SYN | TCP_ACK, empty, salt));
    q.add(p.doneAt, Source.Probe, i, 2, () => this.tcpPacket(p.doneAt, h, TCP_RST | TCP_ACK, empty, salt));
  }
}

/**
 * A run already made as a pcap file's pieces (the page's worker, tests); `upToMs` leaves out
 * what came after. A run too large to hold streams instead (pcapRun.ts).
 */
export function pcapPieces(scenario: Scenario, run: PcapInput, upToMs = Infinity): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  const c = new Capture(scenario, new PcapWriter((p) => pieces.push(p)), upToMs);
  for (const r of run.records) c.record(r);
  for (const v of run.vrrp) c.vrrp(v);
  for (const p of run.probes ?? []) c.probe(p);
  c.finish();
  return pieces;
}

/** The run as a pcap file's bytes. */
export function pcapOf(scenario: Scenario, run: PcapInput, upToMs = Infinity): Uint8Array {
  return joinPieces(pcapPieces(scenario, run, upToMs));
}
