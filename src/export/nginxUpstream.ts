import type { Scenario, ServerConfig } from '../sim/scenario.ts';
import { serverNote } from './common.ts';
import type { Lines } from './lines.ts';

/** The balancing directive's comment and line (none for nginx's default, weighted round robin). */
function algorithmLines(s: Scenario, stream: boolean): { note: string[]; line: string | null } {
  switch (s.algorithm) {
    case 'round-robin':
      return {
        note: ["No balancing directive: nginx's default is smooth weighted round robin; with every weight 1 it is plain round robin."],
        line: null,
      };
    case 'weighted-round-robin':
      return {
        note: ["No balancing directive: nginx's default, smooth weighted round robin, spreads requests by the weights below."],
        line: null,
      };
    case 'ip-hash':
      return stream
        ? {
            note: [
              "nginx's stream module has no ip_hash: hash $remote_addr is the nearest, but it hashes the whole address",
              'with another function (CRC32), so a client keeps one server but not the one the lab showed.',
            ],
            line: 'hash $remote_addr;',
          }
        : {
            note: ["ip_hash: the first three octets of the client's address choose the server, so a client keeps its server."],
            line: 'ip_hash;',
          };
    case 'weighted-least-connections':
    case 'least-connections':
      return {
        note: ['least_conn: the server with the fewest active connections (divided by its weight); ties go round robin.'],
        line: 'least_conn;',
      };
  }
}

/** One `upstream` block: the algorithm, then a line (and a comment saying what it gets) per server. */
export function upstreamBlock(l: Lines, s: Scenario, name: string, pool: readonly ServerConfig[], stream: boolean): void {
  const { note, line } = algorithmLines(s, stream);
  l.open(`upstream ${name}`);
  l.note(...note, ...(stream ? IPVS_DIFFERS[s.algorithm] : []));
  if (line) l.put(line);
  const failS = Math.floor(s.passive.failTimeoutMs / 1000);
  // L4: the lab's kernel balancer (IPVS) never sees a connection fail, so nothing marks a
  // server down but keepalived's checks; nginx's passive check must be off to do the same.
  const maxFails = stream ? 0 : s.passive.maxFails;
  if (stream) {
    l.note(
      'max_fails=0: a failed connection never sets a server aside, as in the lab, whose kernel balancer sees',
      "packets, not a connection's fate (only keepalived's checks take a server out there).",
    );
  } else {
    l.note(
      maxFails === 0
        ? 'max_fails=0: failures never take a server out (the passive check is off).'
        : `max_fails=${maxFails} fail_timeout=${failS}s: ${maxFails} failed attempt(s) within ${failS}s take a server out for ${failS}s (the passive check).`,
    );
  }
  if (maxFails > 0 && failS * 1000 !== s.passive.failTimeoutMs) {
    l.note(`fail_timeout counts whole seconds: the scenario's ${s.passive.failTimeoutMs} ms is ${failS}s to nginx, as in the lab.`);
  }
  for (const x of pool) {
    const params = [
      `${x.ip}:${x.port}`,
      // The lab's plain round robin gives every server weight 1, as nginx does without weight=.
      ...(s.algorithm !== 'round-robin' && x.weight !== 1 ? [`weight=${x.weight}`] : []),
      `max_fails=${maxFails}`,
      ...(maxFails > 0 ? [`fail_timeout=${failS}s`] : []),
      ...(x.maxConns > 0 ? [`max_conns=${x.maxConns}`] : []),
      ...(x.down ? ['down'] : []),
    ];
    l.note(serverNote(s, x, pool));
    l.put(`server ${params.join(' ')};`);
  }
  l.close();
}

/** L4: how the stream module's pick differs from the lab's, IPVS's (src/sim/algorithms/ipvs). */
const IPVS_DIFFERS: Record<Scenario['algorithm'], string[]> = {
  'round-robin': ["The lab's IPVS rr takes the same turns."],
  'weighted-round-robin': ["The lab's IPVS wrr gives each server the same share in another order (5, 1, 1: s1 five in a row)."],
  'ip-hash': [],
  'least-connections': [
    "The lab's IPVS lc counts active × 256 + inactive connections and ignores weights; nginx counts its own open ones.",
  ],
  'weighted-least-connections': ["The lab's IPVS wlc counts active × 256 + inactive connections; nginx counts its own open ones."],
};

/** The health-check comment: the lab runs HAProxy's (L7) or keepalived's (L4) active checks, which open-source nginx lacks. */
export function healthNote(s: Scenario): string[] {
  const hc = s.healthCheck;
  if (!hc) {
    return [
      s.mode === 'L4'
        ? 'No active health checks in this scenario (open-source nginx has none).'
        : 'No active health checks in this scenario (open-source nginx has none; it relies on max_fails).',
    ];
  }
  if (s.mode === 'L4') {
    return [
      `The lab also runs keepalived's TCP_CHECK (every ${hc.intervalMs} ms): open-source nginx has no active checks`,
      "(nginx Plus's health_check does). The keepalived export has them.",
    ];
  }
  return [
    `The lab also runs active health checks (every ${hc.intervalMs} ms, down after ${hc.fall} failures, up after ${hc.rise} passes),`,
    "as HAProxy does: open-source nginx has none (nginx Plus's health_check does). The HAProxy export has them.",
  ];
}
