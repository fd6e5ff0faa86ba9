import { skipOf, type IpvsDest, type IpvsDestChange, type IpvsSchedulerError, type IpvsSkip } from './dest.ts';

/**
 * IPVS round robin, net/netfilter/ipvs/ip_vs_rr.c (Linux v6.17-rc3; unchanged in substance
 * since v3.x). The scheduler keeps one pointer, `svc->sched_data`: the list entry of the last
 * pick, or the list head before the first (ip_vs_rr_init_svc). The lab keeps the picked dest's
 * id, as the kernel keeps a pointer that a dest added elsewhere in the list does not move.
 */
export interface RrState {
  /** The last pick's id, or null for the list head. */
  last: string | null;
}

export interface RrDecision {
  readonly scheduler: 'rr';
  readonly index: number | null;
  readonly chosen: string | null;
  /** Where the walk started: the previous pick (null: the head, so the first dest). */
  readonly after: string | null;
  /** Dests walked over before the pick, and why. */
  readonly skipped: readonly { id: string; reason: IpvsSkip }[];
  readonly error: IpvsSchedulerError | null;
}

export function rrInit(): RrState {
  return { last: null };
}

/** ip_vs_rr_schedule: the next dest after the last pick that is not overloaded and has weight > 0. */
export function rrSchedule(dests: readonly IpvsDest[], state: RrState): RrDecision {
  const after = state.last;
  const start = after === null ? -1 : dests.findIndex((d) => d.id === after);
  const skipped: { id: string; reason: IpvsSkip }[] = [];
  // -1 stands for the list head. A pointer to a dest no longer in the list cannot happen in
  // the kernel (del_dest moves it); here it would mean rrDestChanged was not called.
  if (after !== null && start < 0) throw new Error(`rr: the last pick ${after} is not in the list; call rrDestChanged`);
  let dest = start;
  let pass = 0;
  // The kernel walks from the entry after `last` to the head, then (only if it did not start
  // at the head) a second time from the first entry, stopping once it has tested `last`
  // itself: `last` may be picked again when it is the only one that can take the connection.
  do {
    for (dest = dest + 1; dest < dests.length; dest++) {
      const d = dests[dest]!;
      const reason = skipOf(d);
      if (reason === null) {
        state.last = d.id;
        return { scheduler: 'rr', index: dest, chosen: d.id, after, skipped, error: null };
      }
      skipped.push({ id: d.id, reason });
      if (dest === start) return noDest(after, skipped);
    }
    dest = -1;
    pass++;
  } while (pass < 2 && start !== -1);
  return noDest(after, skipped);
}

function noDest(after: string | null, skipped: RrDecision['skipped']): RrDecision {
  // The pointer stays where it was (the kernel's `stop:` label does not touch sched_data).
  return { scheduler: 'rr', index: null, chosen: null, after, skipped, error: 'no destination available' };
}

/**
 * rr has no add_dest and no upd_dest; ip_vs_rr_del_dest moves the pointer off a removed dest
 * to the entry before it (`p->next->prev` once the dest is unlinked), or to the head when it
 * was first, so the walk goes on with the dest that followed it.
 */
export function rrDestChanged(_dests: readonly IpvsDest[], state: RrState, change: IpvsDestChange): void {
  if (change.kind !== 'del' || state.last !== change.id) return;
  const i = change.before.findIndex((d) => d.id === change.id);
  state.last = i > 0 ? change.before[i - 1]!.id : null;
}
