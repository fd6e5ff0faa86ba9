import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Header } from '../../src/sim/types.ts';

const run = promisify(execFile);

/**
 * One TCP packet as tcpdump caught it at a link end. An IP-in-IP packet carries two IP headers:
 * the outer one (addresses only) and the client's own.
 */
export interface Caught {
  mac: { src: string; dst: string };
  /** The innermost header: the connection's own addresses. */
  src: string;
  dst: string;
  /** The outer IP header of an IP-in-IP packet, without ports. */
  outer?: { src: string; dst: string };
  /** When tcpdump caught it (wall-clock ms), and whether it opens a connection (SYN without ACK). */
  at: number;
  syn: boolean;
  /** A reset (the flags hold R). */
  rst: boolean;
}

const IP = String.raw`(\d+\.\d+\.\d+\.\d+)`;
/**
 * A line of `tcpdump -r FILE -nn -e -tt`, an IPv4 TCP packet, maybe inside IP-in-IP:
 *   1764000000.123456 02:00:0a:00:00:02 > 02:00:0a:00:00:0b, ethertype IPv4 (0x0800), length 94: 10.0.0.2 > 10.0.0.11: 203.0.113.10.40001 > 198.51.100.1.80: Flags [S], …
 * (tshark reads the same, ten times slower: half a second for each file.)
 */
const LINE = new RegExp(
  String.raw`^(\d+\.\d+) (\S+) > (\S+), ethertype IPv4 \(0x0800\), length \d+: (?:${IP} > ${IP}: )?${IP}\.(\d+) > ${IP}\.(\d+): Flags \[([^\]]*)\]`,
);

/** Every TCP packet in a pcap, plain or inside IP-in-IP, in order. */
export async function tcpPackets(pcap: string): Promise<Caught[]> {
  const { stdout } = await run('tcpdump', ['-r', pcap, '-nn', '-e', '-tt', 'tcp or ip proto 4'], { maxBuffer: 64 * 1024 * 1024 });
  const out: Caught[] = [];
  for (const line of stdout.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, at, macSrc, macDst, outerSrc, outerDst, src, sport, dst, dport, flags] = m as unknown as string[];
    out.push({
      mac: { src: macSrc!, dst: macDst! },
      src: `${src}:${sport}`,
      dst: `${dst}:${dport}`,
      ...(outerSrc && outerDst ? { outer: { src: outerSrc, dst: outerDst } } : {}),
      at: Number(at) * 1000,
      syn: flags === 'S',
      rst: flags!.includes('R'),
    });
  }
  return out;
}

/** A capture file and the MAC of the link end it was taken at. */
export interface CaptureFile {
  pcap: string;
  mac: string;
  /** The machine it was taken on (lb1, lb2: with two balancers, which one carried a connection). */
  node?: string;
}

/** What the balancer's and the servers' captures say of one connection, by the client's end. */
export interface Seen {
  /** The first packet of the connection at its server, as it arrived (MACs, outer header). */
  atServer: Caught | undefined;
  /** lb1 handled the client's packets. */
  lbSawRequest: boolean;
  /** Anything addressed to the client's end crossed lb1: the answer came back through it. */
  lbSawAnswer: boolean;
  /**
   * The balancer that carried the connection, as the engine's record names it: the last one to
   * send the client anything of it but a reset (the answer; after a takeover with sync, the new
   * master), else
   * the one holding the client's last SYN (earlier ones may have gone to a balancer that failed).
   * Null when no balancer capture names its machine.
   */
  carriedBy: string | null;
}

/**
 * Reads lb1's captures and each server's, and tells, per client end ("ip:port"), what they saw.
 * Each connection has a client end of its own (the engine gives every request its own port), so
 * the end names the request. A switch floods a frame for a MAC it has not learned yet to every
 * port, and tcpdump catches it there too: only the frames a link end sent or was sent count.
 */
export async function seenByEnd(lbFiles: readonly CaptureFile[], serverFiles: readonly CaptureFile[]): Promise<(end: string) => Seen> {
  const read = (files: readonly CaptureFile[], mine: (p: Caught, mac: string) => boolean) =>
    Promise.all(files.map(async (f) => (await tcpPackets(f.pcap)).filter((p) => mine(p, f.mac)))).then((l) => l.flat());
  const [lb, servers] = await Promise.all([
    read(lbFiles, (p, mac) => p.mac.src === mac || p.mac.dst === mac),
    read(serverFiles, (p, mac) => p.mac.dst === mac),
  ]);
  const lastSyn = new Map<string, { at: number; node: string }>();
  const lastToClient = new Map<string, { at: number; node: string }>();
  await Promise.all(
    lbFiles.map(async (f) => {
      if (!f.node) return;
      for (const p of await tcpPackets(f.pcap)) {
        const was = lastSyn.get(p.src);
        if (p.syn && p.mac.dst === f.mac && (!was || was.at < p.at)) lastSyn.set(p.src, { at: p.at, node: f.node });
        const sent = lastToClient.get(p.dst);
        // Not a reset: a balancer without the connection's state answers the client's late
        // packets (its FIN after giving up) with one, which carries nothing of the connection.
        if (p.mac.src === f.mac && !p.rst && (!sent || sent.at < p.at)) lastToClient.set(p.dst, { at: p.at, node: f.node });
      }
    }),
  );
  const first = new Map<string, Caught>();
  for (const p of servers) if (!first.has(p.src)) first.set(p.src, p);
  const fromClient = new Set(lb.map((p) => p.src));
  const toClient = new Set(lb.map((p) => p.dst));
  return (end) => ({
    atServer: first.get(end),
    lbSawRequest: fromClient.has(end),
    lbSawAnswer: toClient.has(end),
    carriedBy: lastToClient.get(end)?.node ?? lastSyn.get(end)?.node ?? null,
  });
}

/** A caught packet as a record's header: the addresses, and the MACs or the outer header the mode carries. */
export function headerOf(p: Caught, carries: 'ip' | 'mac' | 'outer'): Header {
  const h: Header = { src: p.src, dst: p.dst };
  if (carries === 'mac') h.mac = p.mac;
  if (p.outer) h.outer = p.outer;
  return h;
}
