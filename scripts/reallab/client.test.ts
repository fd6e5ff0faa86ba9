import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/sim/engine.ts';
import { parseScenario, type Scenario } from '../../src/sim/scenario.ts';
import { differences } from './compare.ts';
import { runRealLab } from './realLab.ts';

function scenario(input: unknown): Scenario {
  const p = parseScenario(input);
  if (!p.ok) throw new Error(p.problem.en);
  return p.scenario;
}

/** Valid scenarios the client program once could not send, or sent wrong. */
describe('the real lab: what the client sends', () => {
  it('a Hangul path and UTF-8 header and cookie values: percent-encoded on the wire, nginx answers, as in the engine', async () => {
    const s = scenario({
      mode: 'L7',
      servers: [{ name: 's1' }, { name: 's2' }],
      requests: [
        { at: 0, client: '203.0.113.10', path: '/한글/경로', headers: { 'x-name': '값' }, cookies: { k: '쿠키' } },
        { at: 20, client: '203.0.113.11', path: '/é?q=ü' },
      ],
    });
    const real = await runRealLab(s);
    expect(real.map((r) => r.status)).toEqual([200, 200]);
    expect(real.map((r) => r.path)).toEqual(['/한글/경로', '/é?q=ü']);
    expect(differences(s, simulateRun(s).records, real)).toEqual([]);
  });

  it('a plan larger than a command line takes (Linux: 128 KiB an argument, E2BIG): it goes on standard input', async () => {
    const headers = Object.fromEntries([0, 1, 2, 3, 4].map((k) => [`x-h${k}`, 'a'.repeat(200)]));
    const s = scenario({
      mode: 'L7',
      servers: [{ name: 's1' }],
      requests: Array.from({ length: 200 }, (_, i) => ({ at: i * 2, client: '203.0.113.10', headers, serviceMs: 1 })),
    });
    expect(JSON.stringify(headers).length * 200).toBeGreaterThan(128 * 1024);
    const real = await runRealLab(s);
    expect(real.every((r) => r.status === 200)).toBe(true);
  });

  it("a server that never answers the SYN: a timeout after the scenario's client timeout, connect included", async () => {
    // s1 hangs from the start (onFailure "timeout": its namespace drops every packet), so the
    // SYN lb1 forwards is never answered.
    const s = scenario({
      servers: [{ name: 's1', onFailure: 'timeout' }],
      timeouts: { clientMs: 1500 },
      requests: [{ at: 300, client: '203.0.113.10' }],
      events: [{ at: 0, action: 'fail', target: 's1' }],
    });
    const [r] = await runRealLab(s);
    expect(r!.outcome).toBe('timeout');
    expect(r!.latencyMs).toBeGreaterThanOrEqual(1500);
    expect(r!.latencyMs).toBeLessThan(3000);
  });

  it('every server down in full NAT: lb1 refuses each connection (reject with tcp reset), no nft syntax error', async () => {
    const s = scenario({
      servers: [
        { name: 's1', down: true },
        { name: 's2', down: true },
      ],
      requests: [
        { at: 0, client: '203.0.113.10' },
        { at: 50, client: '192.0.2.77' },
      ],
    });
    const real = await runRealLab(s);
    expect(real.map((r) => `${r.server} ${r.outcome}`)).toEqual(['null reset', 'null reset']);
  });
});
