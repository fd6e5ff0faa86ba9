/**
 * The event queue's payloads: each kind of event packs what its handler needs into one integer
 * (the queue stores numbers in typed arrays, so millions of events cost no allocations). Every
 * packing is written once, here, with its field widths named; eventPayloads.test.ts checks each
 * width against the limit it must hold (servers, balancers, flows, epochs).
 */

/**
 * A flow event names its flow's slot and the epoch it was scheduled in: slot + epoch × SLOTS,
 * exact in a double. The whole epoch is kept, so an event left over from a flow's earlier life
 * (a timer armed a minute before, the flow reused thousands of times since) never passes for a
 * current one. 2^25 slots: more than the requests a run may start (CLI_BUDGET), so more than
 * can ever be in flight at once.
 */
export const SLOT_BITS = 25;
export const SLOTS = 2 ** SLOT_BITS;
/** Epochs a slot can count before slot + epoch × SLOTS stops being exact in a double. */
export const EPOCHS = 2 ** (53 - SLOT_BITS);

export interface FlowRef {
  slot: number;
  epoch: number;
}

export const flowPayload = {
  encode: (slot: number, epoch: number): number => slot + epoch * SLOTS,
  slot: (payload: number): number => payload % SLOTS,
  epoch: (payload: number): number => Math.floor(payload / SLOTS),
};

/** Which of the two balancers: bit 0 of every balancer payload. */
export const BALANCER_BITS = 1;
/**
 * The low bits of a balancer's boot count (it goes up at each restore): a probe scheduled
 * before a restart is told from one after by them. They wrap: a stale probe could pass only
 * if the balancer restarted 2^BOOT_BITS times within one check interval.
 */
export const BOOT_BITS = 8;
/** The low bits of a VRRP timer's or takeover's epoch (bumped each time one is re-armed). */
export const TIMER_EPOCH_BITS = 16;
/** A server's index in a probe result: room for MAX_SERVERS, added servers included. */
export const SERVER_BITS = 5;

const mask = (bits: number) => 2 ** bits - 1;

/** Whether a payload's wrapped counter is this counter's value now (stale otherwise). */
const sameWrapped = (stored: number, current: number, bits: number) => stored === (current & mask(bits));

/** A balancer's periodic timer (VRRP master-down, gratuitous-ARP repeat): its index and epoch. */
export const balancerTimerPayload = {
  encode: (balancer: number, epoch: number): number => balancer | ((epoch & mask(TIMER_EPOCH_BITS)) << BALANCER_BITS),
  balancer: (payload: number): number => payload & mask(BALANCER_BITS),
  isCurrent: (payload: number, epoch: number): boolean => sameWrapped(payload >>> BALANCER_BITS, epoch, TIMER_EPOCH_BITS),
};

/** A balancer's round of health checks: its index and boot. */
export const probeRoundPayload = {
  encode: (balancer: number, boot: number): number => balancer | ((boot & mask(BOOT_BITS)) << BALANCER_BITS),
  balancer: (payload: number): number => payload & mask(BALANCER_BITS),
  isCurrent: (payload: number, boot: number): boolean => sameWrapped(payload >>> BALANCER_BITS, boot, BOOT_BITS),
};

const CHECKER_BOOT_AT = BALANCER_BITS + SERVER_BITS;

/**
 * L4: one keepalived checker's next check (each real_server has its own TCP_CHECK, on its own
 * timer): which balancer runs it, for which server, and the balancer's boot.
 */
export const checkerPayload = {
  encode: (balancer: number, server: number, boot: number): number =>
    balancer | (server << BALANCER_BITS) | ((boot & mask(BOOT_BITS)) << CHECKER_BOOT_AT),
  balancer: (payload: number): number => payload & mask(BALANCER_BITS),
  server: (payload: number): number => (payload >>> BALANCER_BITS) & mask(SERVER_BITS),
  isCurrent: (payload: number, boot: number): boolean => sameWrapped(payload >>> CHECKER_BOOT_AT, boot, BOOT_BITS),
};

const RESULT_SERVER_AT = BALANCER_BITS;
const RESULT_OK_AT = RESULT_SERVER_AT + SERVER_BITS;
const RESULT_BOOT_AT = RESULT_OK_AT + 1;
/** Bits a probe result uses; the packing works in 32-bit integers. */
export const PROBE_RESULT_BITS = RESULT_BOOT_AT + BOOT_BITS;

export interface ProbeResultFields {
  balancer: number;
  server: number;
  ok: boolean;
}

/** One probe's answer: which balancer asked, which server, whether it passed, and the balancer's boot. */
export const probeResultPayload = {
  encode: (r: ProbeResultFields, boot: number): number =>
    r.balancer | (r.server << RESULT_SERVER_AT) | ((r.ok ? 1 : 0) << RESULT_OK_AT) | ((boot & mask(BOOT_BITS)) << RESULT_BOOT_AT),
  decode: (payload: number): ProbeResultFields => ({
    balancer: payload & mask(BALANCER_BITS),
    server: (payload >>> RESULT_SERVER_AT) & mask(SERVER_BITS),
    ok: ((payload >>> RESULT_OK_AT) & 1) === 1,
  }),
  isCurrent: (payload: number, boot: number): boolean => sameWrapped(payload >>> RESULT_BOOT_AT, boot, BOOT_BITS),
};
