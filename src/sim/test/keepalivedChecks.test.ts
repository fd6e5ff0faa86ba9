import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../trace/trace.ts';
import { healthAt } from '../../trace/config.ts';
import { checkResult, freshHealth, type ServerHealth } from '../balancer.ts';
import { simulateRun } from '../engine.ts';
import { healthSettleMs, keepalivedNextCheckMs } from '../health.ts';
import { parseScenario } from '../scenario.ts';
import { scenarioOf } from './helpers.ts';

/**
 * L4's active checks are keepalived's TCP_CHECK. Read from keepalived's source (acassen/keepalived
 * at 9cbce3e, the same in 2.2.7 but for the delay noted below):
 * - check_tcp.c, tcp_epilog: after a check, the next one comes delay_loop later, or
 *   delay_before_retry later after a failure of a server that is up while retry_it < retry
 *   (retry_it counts up); the failure at retry_it >= retry marks it down
 *   (update_svr_checker_state, ipwrapper.c), a pass marks it up and zeroes retry_it. Since
 *   2.3.3 (commit 77dad70, "ipvs: fix delay_loop for TCP_CHECK") a down server is checked
 *   every delay_loop.
 * - check_data.c (validate_check_config): retry_it starts at retry, "one failure is enough
 *   initially"; a checker starts up (check_api.c, queue_checker: is_up = true).
 * - check_api.c, queue_checker: default_retry 1, default_delay_before_retry 1 s; check_data.c,
 *   alloc_vs: connect_timeout 5 s.
 */

/** keepalived's checker state, as tcp_epilog keeps it. */
interface Checker {
  isUp: boolean;
  hasRun: boolean;
  retryIt: number;
}

/** The state and the wait tcp_epilog leaves after one check, written from the rules above. */
function epilog(c: Checker, retry: number, ok: boolean): { next: Checker; wait: 'delay_loop' | 'delay_before_retry' } {
  if (ok || ((c.isUp || !c.hasRun) && c.retryIt >= retry)) return { next: { isUp: ok, hasRun: true, retryIt: 0 }, wait: 'delay_loop' };
  if (c.isUp) return { next: { ...c, hasRun: true, retryIt: c.retryIt + 1 }, wait: 'delay_before_retry' };
  return { next: { ...c, hasRun: true }, wait: 'delay_loop' };
}

describe("keepalived's TCP_CHECK is HAProxy's counter with rise 1 and fall retry + 1", () => {
  it('agrees with tcp_epilog on up/down and on the wait after every check, for any results and any retry', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.array(fc.boolean(), { maxLength: 60 }), (retry, results) => {
        const hc = { rise: 1, fall: retry + 1, intervalMs: 2000 };
        const k = { retryDelayMs: 1000 };
        let ka: Checker = { isUp: true, hasRun: false, retryIt: retry };
        let lab: ServerHealth = freshHealth(hc.rise);
        for (const ok of results) {
          const want = epilog(ka, retry, ok);
          const got = checkResult(lab, ok, hc);
          expect(got.up).toBe(want.next.isUp);
          expect(keepalivedNextCheckMs(hc, k, ok, got.up)).toBe(want.wait === 'delay_loop' ? hc.intervalMs : k.retryDelayMs);
          ka = want.next;
          lab = got;
        }
      }),
    );
  });
});

describe('the scenario: keepalived fields in L4, HAProxy fields in L7, each refused in the other', () => {
  const base = { servers: [{ name: 's1' }], requests: [{ at: 0, client: '203.0.113.1' }] };

  it("resolves L4's checks with keepalived's defaults (check_api.c, check_data.c) and the lab's 2 s delay_loop", () => {
    expect(scenarioOf({ ...base, healthCheck: {} }).healthCheck).toEqual({
      intervalMs: 2000,
      timeoutMs: 5000,
      fall: 2,
      rise: 1,
      keepalived: { retries: 1, retryDelayMs: 1000 },
    });
    expect(scenarioOf({ ...base, healthCheck: { retries: 0, retryDelayMs: 300, timeoutMs: 800 } }).healthCheck).toMatchObject({
      fall: 1,
      rise: 1,
      timeoutMs: 800,
      keepalived: { retries: 0, retryDelayMs: 300 },
    });
    expect(scenarioOf({ ...base, mode: 'L7', healthCheck: {} }).healthCheck).toEqual({
      intervalMs: 2000,
      timeoutMs: 2000,
      fall: 3,
      rise: 2,
      keepalived: null,
    });
  });

  it('refuses each field the mode has not, with one line naming it', () => {
    const error = (input: object) => {
      const r = parseScenario({ ...base, ...input });
      return r.ok ? null : r.error;
    };
    expect(error({ healthCheck: { fall: 3 } })).toBe(
      '"healthCheck.fall" needs "mode": "L7": it is HAProxy\'s fall; in L4 the checks are keepalived\'s TCP_CHECK, which takes a server out after "retries" + 1 failed checks in a row',
    );
    expect(error({ healthCheck: { rise: 2 } })).toMatch(/^"healthCheck\.rise" needs "mode": "L7": .*first passed check$/);
    expect(error({ mode: 'L7', healthCheck: { retries: 2 } })).toMatch(
      /^"healthCheck\.retries" needs "mode": "L4": it is keepalived's retry/,
    );
    expect(error({ mode: 'L7', healthCheck: { retryDelayMs: 500 } })).toMatch(
      /^"healthCheck\.retryDelayMs" needs "mode": "L4": .*delay_before_retry/,
    );
    expect(error({ healthCheck: { retries: 101 } })).toMatch(/^"healthCheck\.retries" /);
    const ko = parseScenario({ ...base, healthCheck: { fall: 3 } });
    expect(!ko.ok && ko.problem.ko).toMatch(/^"healthCheck\.fall": "mode": "L7"이 필요합니다/);
  });
});

describe('a run: each checker on its own timer', () => {
  // s2 stops answering at 3 s (its checks time out after 700 ms) and is back at 15 s.
  const run = simulateRun(
    scenarioOf({
      servers: [{ name: 's1' }, { name: 's2', onFailure: 'timeout' }],
      healthCheck: { intervalMs: 2000, timeoutMs: 700, retries: 2, retryDelayMs: 500 },
      requests: [{ at: 0, client: '203.0.113.1' }],
      events: [
        { at: 3000, action: 'fail', target: 's2' },
        { at: 15_000, action: 'restore', target: 's2' },
      ],
    }),
  );
  const checks = (lb: string, server: string) =>
    run.probes.filter((p) => p.balancer === lb && p.server === server).map((p) => [p.at, p.doneAt, p.ok]);

  it('waits delay_loop after each check ENDS; retries after delay_before_retry; the third failure marks it down; a down server waits delay_loop', () => {
    // A check passes in one round trip (2 × 1 ms); the next starts 2000 ms after it ended.
    expect(checks('lb1', 's2')).toEqual([
      [0, 2, true],
      [2002, 2004, true],
      [4004, 4704, false],
      [5204, 5904, false], // retry 1, 500 ms after the failure
      [6404, 7104, false], // retry 2: the third failure in a row, down
      [9104, 9804, false], // down: every delay_loop, no more retries (keepalived ≥ 2.3.3)
      [11_804, 12_504, false],
      [14_504, 15_204, false], // sent before the restore: it times out
      [17_204, 17_206, true], // the first pass: up again
      [19_206, 19_208, true],
      [21_208, 21_210, true],
      [23_210, 23_212, true],
    ]);
    expect(run.health.filter((h) => h.balancer === 'lb1').map((h) => [h.at, h.state])).toEqual([
      [7104, 'down'],
      [17_206, 'up'],
    ]);
    // s1's checker runs on, untouched by s2's retries.
    expect(checks('lb1', 's1').slice(0, 4)).toEqual([
      [0, 2, true],
      [2002, 2004, true],
      [4004, 4006, true],
      [6006, 6008, true],
    ]);
  });

  it("lb2's checkers start half a delay_loop later, and its view agrees with the trace's replay (healthAt)", () => {
    expect(checks('lb2', 's2')[0]).toEqual([1000, 1002, true]);
    const trace = buildTrace(run);
    const hc = { rise: 1, fall: 3 };
    for (const h of run.health) {
      expect(healthAt(trace, h.at, hc).get(h.balancer)?.get(h.server)?.state, `${h.balancer} ${h.server} at ${h.at}`).toBe(h.state);
      expect(
        healthAt(trace, h.at - 0.001, hc)
          .get(h.balancer)
          ?.get(h.server)?.state ?? 'up',
      ).not.toBe(h.state);
    }
  });

  it('the engine plays its timers on long enough for the down and the up to show', () => {
    const hc = scenarioOf({
      servers: [{ name: 's1' }],
      requests: [],
      healthCheck: { timeoutMs: 700, retries: 2, retryDelayMs: 500 },
    }).healthCheck!;
    // Failed at 3000: down at 7104, 4104 ms later; restored at 15,000: up at 17,206.
    expect(healthSettleMs(hc)).toBeGreaterThanOrEqual(4104);
    expect(healthSettleMs(hc)).toBeGreaterThanOrEqual(2206);
  });
});

describe('checkers come and go with their balancer and their server', () => {
  it('a server added while running gets its checker at once; a restarted balancer starts afresh (one failure is enough)', () => {
    const run = simulateRun(
      scenarioOf({
        servers: [{ name: 's1' }],
        healthCheck: { retries: 3 },
        requests: [{ at: 0, client: '203.0.113.1' }],
        events: [
          { at: 2500, action: 'add-server', server: { name: 's2' } },
          { at: 6000, action: 'fail', target: 's1' },
          { at: 8000, action: 'fail', target: 'lb1' },
          { at: 9000, action: 'restore', target: 'lb1' },
        ],
      }),
    );
    const s2 = run.probes.filter((p) => p.balancer === 'lb1' && p.server === 's2');
    expect(s2[0]).toMatchObject({ at: 2500, ok: true });
    // lb1 back at 9 s checks s1, which has been failing since 6 s: down at the first failure,
    // as keepalived starts a checker with retry_it = retry.
    const after = run.probes.filter((p) => p.balancer === 'lb1' && p.server === 's1' && p.at >= 9000);
    expect(after[0]).toMatchObject({ at: 9000, ok: false });
    expect(run.health.filter((h) => h.balancer === 'lb1' && h.at >= 9000)).toEqual([
      { at: after[0]!.doneAt, balancer: 'lb1', server: 's1', state: 'down' },
    ]);
  });
});
