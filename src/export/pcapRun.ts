/**
 * A scenario's run written as a pcap file while it runs: the engine runs a chunk of events,
 * the packets that nothing can precede any more are written, and the file's pieces go to the
 * sink as they fill. Memory holds the packets made since the oldest request in flight started
 * (a few seconds of traffic at most, a request's longest timeout) and one piece, not the run: the
 * command line streams a run of millions of requests to stdout this way, and the page's
 * worker writes "Download pcap" without the page's main thread.
 */
import type { Budget, Overrun } from '../sim/budget.ts';
import { Simulation } from '../sim/engine.ts';
import type { Scenario } from '../sim/scenario.ts';
import { Capture } from './pcap.ts';
import { PcapWriter, type PieceSink } from './pcapWriter.ts';

/** Events simulated between two writes: a few milliseconds of work. */
const CHUNK_EVENTS = 20_000;
/** Records' times are rounded to the microsecond: a packet can be this much before its request's start. */
const ROUNDING_MS = 0.001;

export interface PcapRunOptions {
  /** CLI_BUDGET by default (see Simulation). */
  budget?: Budget;
  /** Leave out what comes after this simulated time, and stop the run once nothing before it is left. */
  upToMs?: number;
  /** Events simulated per step (20,000 by default). */
  chunkEvents?: number;
}

export class PcapRun {
  private readonly sim: Simulation;
  private readonly capture: Capture;
  private readonly writer: PcapWriter;
  private readonly upToMs: number;
  private readonly chunkEvents: number;
  private finished = false;

  constructor(scenario: Scenario, sink: PieceSink, options: PcapRunOptions = {}) {
    this.upToMs = options.upToMs ?? Infinity;
    this.chunkEvents = options.chunkEvents ?? CHUNK_EVENTS;
    this.writer = new PcapWriter(sink);
    const c = new Capture(scenario, this.writer, this.upToMs);
    this.capture = c;
    this.sim = new Simulation(scenario, {
      record: true,
      ...(options.budget ? { budget: options.budget } : {}),
      onRecord: (r) => c.record(r),
      onVrrp: (v) => c.vrrp(v),
      onProbe: (p) => c.probe(p),
    });
  }

  /** How far the run has got, in simulated ms. */
  get simulatedMs(): number {
    return this.sim.now;
  }

  /** What the run went past when its budget stopped it (the file then ends there), or null. */
  get overrun(): Overrun | null {
    return this.sim.overrun;
  }

  /** Frames written so far. */
  get frames(): number {
    return this.writer.count;
  }

  /** Bytes written so far (the file's size once done). */
  get bytes(): number {
    return this.writer.size;
  }

  /** Runs a chunk and writes what it can; true once the file is complete (its last piece handed on). */
  step(): boolean {
    if (this.finished) return true;
    const over = this.sim.advance(this.chunkEvents);
    // Every packet still to be made belongs to a request in flight (none starts before it did)
    // or to what happens from now on (adverts, probes, new requests).
    let since = this.sim.now;
    for (const f of this.sim.inFlight()) if (f.spec.at < since) since = f.spec.at;
    if (over || since - ROUNDING_MS > this.upToMs) {
      this.capture.finish();
      this.finished = true;
      return true;
    }
    this.capture.release(since - ROUNDING_MS);
    return false;
  }
}
