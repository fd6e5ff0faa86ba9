import type { Algorithm } from '../pick.ts';
import type { IpvsDest, IpvsDestChange, IpvsSchedulerName } from './dest.ts';
import { lcSchedule, type LcDecision } from './lc.ts';
import { rrDestChanged, rrInit, rrSchedule, type RrDecision } from './rr.ts';
import { shDestChanged, shInit, shSchedule, type ShDecision, type ShFlags, type ShPacket } from './sh.ts';
import { wlcSchedule, type WlcDecision } from './wlc.ts';
import { wrrDestChanged, wrrInit, wrrSchedule, type WrrDecision } from './wrr.ts';

/**
 * IPVS's schedulers under the lab's algorithm names: in L4 the algorithms are IPVS's (the
 * engine's ipvs.ts runs them). weighted-least-connections is IPVS's alone: in L7, nginx's
 * least_conn already weighs.
 */
export type IpvsAlgorithm = Algorithm;

export type IpvsDecision = RrDecision | WrrDecision | LcDecision | WlcDecision | ShDecision;

/** One service's scheduler with its state (`svc->sched_data`) bound in. */
export interface IpvsSchedulerInstance {
  readonly kernel: IpvsSchedulerName;
  /** ip_vs_schedule → svc->scheduler->schedule: index null means the kernel's NULL. */
  schedule(dests: readonly IpvsDest[], packet: ShPacket): IpvsDecision;
  /** add_dest / del_dest / upd_dest, called after the list or a weight changed. */
  destChanged(dests: readonly IpvsDest[], change: IpvsDestChange): void;
}

export interface IpvsSchedulerEntry {
  /** The name ipvsadm -s and keepalived's lb_algo take. */
  readonly kernel: IpvsSchedulerName;
  /** Where the scheduler lives in Linux's tree. */
  readonly source: string;
  create(dests: readonly IpvsDest[], shFlags?: ShFlags): IpvsSchedulerInstance;
}

const RR: IpvsSchedulerEntry = {
  kernel: 'rr',
  source: 'net/netfilter/ipvs/ip_vs_rr.c',
  create: () => {
    const state = rrInit();
    return {
      kernel: 'rr',
      schedule: (dests) => rrSchedule(dests, state),
      destChanged: (dests, change) => rrDestChanged(dests, state, change),
    };
  },
};

const WRR: IpvsSchedulerEntry = {
  kernel: 'wrr',
  source: 'net/netfilter/ipvs/ip_vs_wrr.c',
  create: (initial) => {
    const mark = wrrInit(initial);
    return {
      kernel: 'wrr',
      schedule: (dests) => wrrSchedule(dests, mark),
      destChanged: (dests, change) => wrrDestChanged(dests, mark, change),
    };
  },
};

// lc and wlc keep no state and have no dest callbacks.
const LC: IpvsSchedulerEntry = {
  kernel: 'lc',
  source: 'net/netfilter/ipvs/ip_vs_lc.c',
  create: () => ({ kernel: 'lc', schedule: (dests) => lcSchedule(dests), destChanged: () => {} }),
};

const WLC: IpvsSchedulerEntry = {
  kernel: 'wlc',
  source: 'net/netfilter/ipvs/ip_vs_wlc.c',
  create: () => ({ kernel: 'wlc', schedule: (dests) => wlcSchedule(dests), destChanged: () => {} }),
};

const SH: IpvsSchedulerEntry = {
  kernel: 'sh',
  source: 'net/netfilter/ipvs/ip_vs_sh.c',
  create: (initial, shFlags) => {
    const state = shInit(initial, shFlags);
    return {
      kernel: 'sh',
      schedule: (dests, packet) => shSchedule(dests, state, packet),
      destChanged: (dests, change) => shDestChanged(dests, state, change),
    };
  },
};

/**
 * Every lab algorithm has its scheduler: the `satisfies` makes a missing one a type error, and
 * there is no default that would fall back to another.
 */
export const IPVS_SCHEDULERS = {
  'round-robin': RR,
  'weighted-round-robin': WRR,
  'least-connections': LC,
  'weighted-least-connections': WLC,
  'ip-hash': SH,
} as const satisfies Record<IpvsAlgorithm, IpvsSchedulerEntry>;
