import { setTimeout as sleep } from 'node:timers/promises';
import { safeLine } from '../scenarioFile.ts';
import { stoppedBy } from './netns.ts';

/**
 * How the real lab's commands (reallab, compare) end on a failure: one line, `tool: FILE: what`,
 * exit status 1. A run stopped by a signal fails too, in whatever step it was (a Ctrl-C reaches
 * the programs it waits for as well as itself, and the failure can come first): that is the
 * stop, which netns.ts reports, not a failure. The signal's handler runs on the next turn of the
 * event loop, so the failure waits a moment for it.
 */
export async function reportFailure(tool: string, file: string | undefined, e: unknown): Promise<void> {
  await sleep(100);
  if (stoppedBy()) return;
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`${tool}: ${safeLine(file ? `${file}: ${message}` : message)}\n`);
  process.exitCode = 1;
}
