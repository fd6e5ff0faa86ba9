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
  l.note(...note);
  if (line) l.put(line);
  const failS = Math.floor(s.passive.failTimeoutMs / 1000);
  l.note(
    s.passive.maxFails === 0
      ? 'max_fails=0: failures never take a server out (the passive check is off).'
      : `max_fails=${s.passive.maxFails} fail_timeout=${failS}s: ${s.passive.maxFails} failed attempt(s) within ${failS}s take a server out for ${failS}s (the passive check).`,
  );
  if (failS * 1000 !== s.passive.failTimeoutMs) {
    l.note(`fail_timeout counts whole seconds: the scenario's ${s.passive.failTimeoutMs} ms is ${failS}s to nginx, as in the lab.`);
  }
  for (const x of pool) {
    const params = [
      `${x.ip}:${x.port}`,
      // The lab's plain round robin gives every server weight 1, as nginx does without weight=.
      ...(s.algorithm !== 'round-robin' && x.weight !== 1 ? [`weight=${x.weight}`] : []),
      `max_fails=${s.passive.maxFails}`,
      `fail_timeout=${failS}s`,
      ...(x.maxConns > 0 ? [`max_conns=${x.maxConns}`] : []),
      ...(x.down ? ['down'] : []),
    ];
    l.note(serverNote(s, x, pool));
    l.put(`server ${params.join(' ')};`);
  }
  l.close();
}

/** The health-check comment: the lab runs HAProxy's active checks, which open-source nginx lacks. */
export function healthNote(s: Scenario): string[] {
  const hc = s.healthCheck;
  if (!hc) return ['No active health checks in this scenario (open-source nginx has none; it relies on max_fails).'];
  return [
    `The lab also runs active health checks (every ${hc.intervalMs} ms, down after ${hc.fall} failures, up after ${hc.rise} passes),`,
    "as HAProxy does: open-source nginx has none (nginx Plus's health_check does). The HAProxy export has them.",
  ];
}
