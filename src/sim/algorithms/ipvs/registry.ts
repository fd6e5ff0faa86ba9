import type { Algorithm } from '../pick.ts';
import type { IpvsDest, IpvsDestChange, IpvsSchedulerName } from './dest.ts';
import { lcSchedule, type LcDecision } from './lc.ts';
import { rrDestChanged, rrInit, rrSchedule, type RrDecision } from './rr.ts';
import { shDestChanged, shInit, shSchedule, type ShDecision, type ShFlags, type ShPacket } from './sh.ts';
import { wlcSchedule, type WlcDecision } from './wlc.ts';
import { wrrDestChanged, wrrInit, wrrSchedule, type WrrDecision } from './wrr.ts';

/**
 * IPVS's schedulers under the lab's algorithm names (issue 20: in L4 the algorithms are
 * IPVS's). weighted-least-connections exists only here: in L7, nginx's least_conn already
 * weighs. Not wired into the engine yet.
 */
export type IpvsAlgorithm = Algorithm | 'weighted-least-connections';

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

/** Every lab algorithm has its scheduler (the `satisfies` makes a missing one a type error). */
export const IPVS_SCHEDULERS = {
  'round-robin': {
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
  },
  'weighted-round-robin': {
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
  },
  'least-connections': {
    kernel: 'lc',
    source: 'net/netfilter/ipvs/ip_vs_lc.c',
    // lc has no state and no dest callbacks.
    create: () => ({ kernel: 'lc', schedule: (dests) => lcSchedule(dests), destChanged: () => {} }),
  },
  'weighted-least-connections': {
    kernel: 'wlc',
    source: 'net/netfilter/ipvs/ip_vs_wlc.c',
    create: () => ({ kernel: 'wlc', schedule: (dests) => wlcSchedule(dests), destChanged: () => {} }),
  },
  'ip-hash': {
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
  },
} as const satisfies Record<IpvsAlgorithm, IpvsSchedulerEntry>;
