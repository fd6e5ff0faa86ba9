import type { Scenario } from '../sim/scenario.ts';

/**
 * "Download pcap" in a worker (simWorker.ts): the page posts the scenario in force and how far
 * to capture; the worker runs it again (the engine is deterministic: the same run as the
 * page's) and writes the capture as it goes (src/export/pcapRun.ts), posting how far it has got,
 * then the file's pieces (transferred, never copied).
 */
export interface PcapJob {
  scenario: Scenario;
  /** The page's current time: leave out what comes after; null for the whole run. */
  upToMs: number | null;
}

export type PcapMessage =
  | { id: number; pcapProgress: { simulatedMs: number } }
  | { id: number; pcapDone: { pieces: Uint8Array[]; frames: number } }
  | { id: number; pcapFailed: string };
