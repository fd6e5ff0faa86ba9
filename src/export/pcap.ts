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
 * MACs are invented: 02:00 and the IP's four bytes, and the VIP is at the virtual router's MAC.
 */
import { balancerIndex, isClient, isServer } from '../sim/nodes.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { Header, ProbeRecord, RequestRecord, VrrpRecord } from '../sim/types.ts';
import { DNS_PORT, RESOLVER_IP, dnsAnswer, dnsQuery } from './pcapDns.ts';
import { httpRequest, httpResponse, statusSent } from './pcapHttp.ts';
import { DATA, FLAGS, TcpNumbers } from './pcapTcp.ts';
import { VIRTUAL_MAC, VRRP_GROUP, VRRP_GROUP_MAC, VRRP_TTL, vrrpAdvert } from './pcapVrrp.ts';
import { resetHops, stepsOf } from './pcapSteps.ts';
import { FrameList } from './pcapWriter.ts';
import {
  PROTO_VRRP,
  TCP_ACK,
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

class Capture {
  readonly frames = new FrameList();
  private readonly tcp = new TcpNumbers();
  private ipId = 0;
  private readonly vip: string;

  constructor(private readonly scenario: Scenario) {
    this.vip = scenario.network.vip;
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

  /** Each endpoint split once, and numbered for TcpNumbers. */
  private readonly endpoints = new Map<string, { id: number; ip: string; port: number }>();

  private endpoint(e: string): { id: number; ip: string; port: number } {
    let found = this.endpoints.get(e);
    if (!found) {
      found = { id: this.endpoints.size, ...splitEndpoint(e) };
      this.endpoints.set(e, found);
    }
    return found;
  }

  tcpPacket(at: number, h: Header, flags: number, payload: Uint8Array, salt: number, retransmission = false): void {
    const src = this.endpoint(h.src);
    const dst = this.endpoint(h.dst);
    const { seq, ack } = this.tcp.segment(h, src.id, dst.id, flags, payload.length, salt, retransmission);
    const fields = { srcPort: src.port, dstPort: dst.port, seq, ack, flags, payload };
    tcpFrame(this.addressing(src.ip, dst.ip), fields, (n) => this.frames.add(at, n));
  }

  record(r: RequestRecord): void {
    const net = this.scenario.network;
    const dns = r.dns;
    if (dns) {
      const port = DYNAMIC_PORTS + (r.id % 16384);
      const query = dnsQuery(r.id, dns);
      udpFrame(this.addressing(r.client, RESOLVER_IP), port, DNS_PORT, query, (n) => this.frames.add(dns.at, n));
      const answer = dnsAnswer(r.id, dns, net.dnsTtlMs);
      udpFrame(this.addressing(RESOLVER_IP, r.client), DNS_PORT, port, answer, (n) => this.frames.add(dns.answeredAt, n));
    }
    const empty = new Uint8Array(0);
    const reset = resetHops(r.hops);
    // A node sending the same packet again (a client retrying a VIP nobody held) retransmits it.
    const sent = new Set<string>();
    let hopIndex = 0;
    for (const step of stepsOf(r)) {
      if (step.segment) {
        const s = step.segment;
        if (s.out) this.tcpPacket(s.at, s.out, FLAGS[s.flags], empty, r.id);
        continue;
      }
      const { hop } = step;
      const isReset = reset[hopIndex++]!;
      if (!hop.out) continue;
      const key = `${hop.node} ${hop.dir} ${hop.out.src}>${hop.out.dst}`;
      const again = sent.has(key);
      sent.add(key);
      if (isReset) this.tcpPacket(hop.at, hop.out, FLAGS.RST, empty, r.id);
      else if (hop.dir === 'request')
        this.tcpPacket(hop.at, hop.out, DATA, httpRequest(r, net.serviceName, isClient(hop.node)), r.id, again);
      else this.tcpPacket(hop.at, hop.out, DATA, httpResponse(statusSent(r, isServer(hop.node)), r.setCookie), r.id, again);
    }
  }

  vrrp(v: VrrpRecord): void {
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
      rawIpv4Frame({ ...a, srcMac: VIRTUAL_MAC, dstMac: VRRP_GROUP_MAC }, PROTO_VRRP, payload, (n) => this.frames.add(v.at, n));
    } else if (v.kind === 'garp') {
      const vip = ipBytes(this.vip);
      for (let i = 0; i < (v.count ?? 1); i++) gratuitousArpFrame(VIRTUAL_MAC, vip, (n) => this.frames.add(v.at, n));
    }
  }

  probe(p: ProbeRecord, i: number): void {
    const server = this.scenario.servers.find((s) => s.name === p.server);
    if (!server) return;
    const h: Header = {
      src: `${this.scenario.network.balancerIps[balancerIndex(p.balancer)]}:${DYNAMIC_PORTS + (i % 16384)}`,
      dst: `${server.ip}:${server.port}`,
    };
    const empty = new Uint8Array(0);
    const salt = -1 - i;
    this.tcpPacket(p.at, h, TCP_SYN, empty, salt);
    if (!p.ok) return;
    this.tcpPacket(p.doneAt, { src: h.dst, dst: h.src }, TCP_SYN | TCP_ACK, empty, salt);
    this.tcpPacket(p.doneAt, h, TCP_RST | TCP_ACK, empty, salt);
  }
}

/** The run as a pcap file's bytes. */
export function pcapOf(scenario: Scenario, run: PcapInput): Uint8Array {
  const c = new Capture(scenario);
  for (const r of run.records) c.record(r);
  for (const v of run.vrrp) c.vrrp(v);
  (run.probes ?? []).forEach((p, i) => c.probe(p, i));
  return c.frames.bytes();
}
