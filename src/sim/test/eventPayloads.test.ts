import { describe, expect, it } from 'vitest';
import { BUDGET_CHECK_EVERY, CLI_BUDGET, PAGE_BUDGET } from '../budget.ts';
import { MAX_SERVERS } from '../defaults.ts';
import {
  BALANCER_BITS,
  balancerTimerPayload,
  BOOT_BITS,
  checkerPayload,
  EPOCHS,
  flowPayload,
  PROBE_RESULT_BITS,
  probeResultPayload,
  probeRoundPayload,
  SERVER_BITS,
  SLOTS,
  TIMER_EPOCH_BITS,
} from '../eventPayloads.ts';
import { BALANCERS } from '../nodes.ts';

/** Each field's width against the limit it must hold: raising a limit past its field fails here. */
describe('event payload widths', () => {
  it('hold every server a scenario may have (added ones included)', () => {
    expect(MAX_SERVERS).toBeLessThanOrEqual(2 ** SERVER_BITS);
    const last = probeResultPayload.decode(probeResultPayload.encode({ balancer: 1, server: MAX_SERVERS - 1, ok: true }, 0));
    expect(last).toEqual({ balancer: 1, server: MAX_SERVERS - 1, ok: true });
  });

  it("hold a keepalived checker's balancer, server and boot", () => {
    const p = checkerPayload.encode(1, MAX_SERVERS - 1, 2 ** BOOT_BITS - 1);
    expect(p).toBeGreaterThanOrEqual(0);
    expect([checkerPayload.balancer(p), checkerPayload.server(p)]).toEqual([1, MAX_SERVERS - 1]);
    expect(checkerPayload.isCurrent(p, 2 ** BOOT_BITS - 1)).toBe(true);
    expect(checkerPayload.isCurrent(p, 0)).toBe(false);
  });

  it('hold both balancers', () => {
    expect(BALANCERS.length).toBeLessThanOrEqual(2 ** BALANCER_BITS);
  });

  it('pack a probe result into a non-negative 32-bit integer', () => {
    // `|` and `<<` work on signed 32-bit integers: bit 31 would turn the payload negative.
    expect(PROBE_RESULT_BITS).toBeLessThanOrEqual(31);
    expect(BALANCER_BITS + Math.max(BOOT_BITS, TIMER_EPOCH_BITS)).toBeLessThanOrEqual(31);
    const widest = probeResultPayload.encode({ balancer: 1, server: 2 ** SERVER_BITS - 1, ok: true }, 2 ** BOOT_BITS - 1);
    expect(widest).toBe(2 ** PROBE_RESULT_BITS - 1);
  });

  it('give every flow in flight a slot of its own', () => {
    // A flow slot is made only when every other one is in flight, so there are at most as many
    // as requests started, and a run notices its budget only every BUDGET_CHECK_EVERY events.
    for (const budget of [PAGE_BUDGET, CLI_BUDGET]) expect(budget.maxRequests + BUDGET_CHECK_EVERY).toBeLessThan(SLOTS);
  });

  it("count a slot's epochs exactly for as long as a run may go", () => {
    // An epoch goes up when a request starts or ends on the slot, and at most once per event
    // handled otherwise (an attempt abandoned).
    const most = 2 * (CLI_BUDGET.maxRequests + BUDGET_CHECK_EVERY) + CLI_BUDGET.maxEvents + BUDGET_CHECK_EVERY;
    expect(most).toBeLessThan(EPOCHS);
    const payload = flowPayload.encode(SLOTS - 1, EPOCHS - 1);
    expect(Number.isSafeInteger(payload)).toBe(true);
    expect(flowPayload.slot(payload)).toBe(SLOTS - 1);
    expect(flowPayload.epoch(payload)).toBe(EPOCHS - 1);
  });
});

describe("a flow's tried-peers bitmap", () => {
  it('has a bit for every server an upstream may list', () => {
    // Flow.triedPeers is a 32-bit mask (`1 << peer.index`), as nginx's `tried` bitmap.
    expect(MAX_SERVERS).toBeLessThanOrEqual(32);
  });
});

describe('event payload codecs', () => {
  it('round-trip a flow reference', () => {
    const p = flowPayload.encode(12345, 678);
    expect([flowPayload.slot(p), flowPayload.epoch(p)]).toEqual([12345, 678]);
  });

  it("tell a balancer's current timer from a stale one, modulo the epoch field", () => {
    const p = balancerTimerPayload.encode(1, 7);
    expect(balancerTimerPayload.balancer(p)).toBe(1);
    expect(balancerTimerPayload.isCurrent(p, 7)).toBe(true);
    expect(balancerTimerPayload.isCurrent(p, 8)).toBe(false);
    expect(balancerTimerPayload.isCurrent(p, 7 + 2 ** TIMER_EPOCH_BITS)).toBe(true);
  });

  it('tell a probe from before a restart by the boot, which wraps', () => {
    const round = probeRoundPayload.encode(0, 3);
    expect(probeRoundPayload.balancer(round)).toBe(0);
    expect(probeRoundPayload.isCurrent(round, 3)).toBe(true);
    expect(probeRoundPayload.isCurrent(round, 4)).toBe(false);
    expect(probeRoundPayload.isCurrent(round, 3 + 2 ** BOOT_BITS)).toBe(true);
    const result = probeResultPayload.encode({ balancer: 1, server: 17, ok: false }, 300);
    expect(probeResultPayload.decode(result)).toEqual({ balancer: 1, server: 17, ok: false });
    expect(probeResultPayload.isCurrent(result, 300)).toBe(true);
    expect(probeResultPayload.isCurrent(result, 301)).toBe(false);
  });
});
