import type { Flow } from './flow.ts';

/** Tickets are unique across queues, so a flow that moved to another server never matches its old entry. */
let issued = 0;

/**
 * A server's accept queue: requests waiting for a worker, first come first served. Taking the
 * front and removing any one (its client gave up, its balancer closed the connection) cost O(1):
 * a removed request stays in the list, marked, until the front reaches it or the marked ones
 * are most of the list (then they are swept out at once).
 */
export class FlowQueue {
  private flows: Flow[] = [];
  /** The ticket each flow had when it was queued: a flow removed (or queued again) since no longer matches it. */
  private tickets: number[] = [];
  private head = 0;
  private removed = 0;
  /** Requests waiting now. */
  length = 0;

  push(f: Flow): void {
    f.queueTicket = ++issued;
    this.flows.push(f);
    this.tickets.push(f.queueTicket);
    this.length++;
  }

  /** The first request still waiting, taken out; undefined when none is. */
  shift(): Flow | undefined {
    while (this.head < this.flows.length) {
      const f = this.flows[this.head]!;
      const live = f.queueTicket === this.tickets[this.head];
      this.head++;
      if (live) {
        f.queueTicket = 0;
        this.length--;
        this.trim();
        return f;
      }
      this.removed--;
    }
    this.clear();
    return undefined;
  }

  /** Takes `f` out of the queue, wherever it waits. */
  remove(f: Flow): void {
    if (f.queueTicket === 0) return;
    f.queueTicket = 0;
    this.length--;
    this.removed++;
    if (this.removed > 1024 && this.removed > this.length) this.sweep();
  }

  /** Calls `fn` for each request waiting, first come first. */
  forEach(fn: (f: Flow) => void): void {
    for (let i = this.head; i < this.flows.length; i++) if (this.flows[i]!.queueTicket === this.tickets[i]) fn(this.flows[i]!);
  }

  clear(): void {
    for (let i = this.head; i < this.flows.length; i++) if (this.flows[i]!.queueTicket === this.tickets[i]) this.flows[i]!.queueTicket = 0;
    this.flows = [];
    this.tickets = [];
    this.head = this.removed = this.length = 0;
  }

  /** Drops the taken front once it is most of the list. */
  private trim(): void {
    if (this.head > 1024 && this.head * 2 > this.flows.length) {
      this.flows = this.flows.slice(this.head);
      this.tickets = this.tickets.slice(this.head);
      this.head = 0;
    }
  }

  private sweep(): void {
    const flows: Flow[] = [];
    const tickets: number[] = [];
    for (let i = this.head; i < this.flows.length; i++) {
      if (this.flows[i]!.queueTicket !== this.tickets[i]) continue;
      flows.push(this.flows[i]!);
      tickets.push(this.tickets[i]!);
    }
    this.flows = flows;
    this.tickets = tickets;
    this.head = this.removed = 0;
  }
}
