import type { Trace } from '../trace/trace.ts';
import type { Progress, RunOutcome } from './runner.ts';

/** The trace's lists that cross from the worker in pieces, before the rest of the outcome. */
export const CHUNKED = ['records', 'probes', 'health', 'vrrp', 'config'] as const;
export type ChunkedKey = (typeof CHUNKED)[number];

/** `failed`: the run threw (a bug, not bad input), with the error's message; the page words it. */
export type WorkerMessage =
  | { id: number; progress: Progress }
  | { id: number; piece: { key: ChunkedKey; items: unknown[] } }
  | { id: number; outcome: RunOutcome }
  | { id: number; failed: string };

/** Puts the pieces back into the trace the outcome carries (sent with its lists empty). */
export function assemble(trace: Trace, pieces: Record<ChunkedKey, unknown[][]>): Trace {
  const joined = <T>(parts: unknown[][]): T[] => {
    const out: T[] = [];
    for (const p of parts) for (const x of p) out.push(x as T);
    return out;
  };
  return {
    ...trace,
    records: joined(pieces.records),
    probes: joined(pieces.probes),
    health: joined(pieces.health),
    vrrp: joined(pieces.vrrp),
    config: joined(pieces.config),
  };
}
