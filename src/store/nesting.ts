import { translateBoth } from '../i18n/index.ts';
import type { Said } from '../sim/said.ts';

/**
 * How deep a scenario's objects and lists may nest, for the command line and the page alike: a
 * real scenario needs 5. Deeper input is refused before anything recursive reads it (JSON's
 * schema, the structured clone that posts a run to the page's worker: 5,000 levels overflow the
 * stack there). The command line checks the file's text before JSON.parse (`deeperAt`); the page
 * checks the value before posting it (`nestsDeeper`). Both refuse with `tooDeep`.
 */
export const MAX_DEPTH = 64;

/** The refusal, in both languages; the command line adds where in the file. */
export const tooDeep = (max = MAX_DEPTH): Said => translateBoth('run.tooDeep', { max });

/**
 * Where JSON text first nests deeper than `max` (line and column, from 1), or null. Strings are
 * skipped (a bracket inside one does not count); broken JSON is left for JSON.parse to name.
 */
export function deeperAt(text: string, max = MAX_DEPTH): { line: number; column: number } | null {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return { line, column: i - lineStart + 1 };
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    } else if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return null;
}

/**
 * Whether a value's objects and lists nest deeper than `max`, `level` being the level the value
 * itself sits at (1 for a scenario, 2 for its "events" list): the same count deeperAt makes of
 * the value's JSON text. It walks with a list, not recursion, so no depth overflows it; an
 * object reached again is walked again only from a deeper level (at most `max` times), so shared
 * and cyclic values (a cycle nests without end, and is refused) cost no more than that.
 */
export function nestsDeeper(value: unknown, max = MAX_DEPTH, level = 1): boolean {
  const seenAt = new Map<object, number>();
  const todo: [unknown, number][] = [[value, level]];
  while (todo.length > 0) {
    const [v, at] = todo.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (at > max) return true;
    const seen = seenAt.get(v);
    if (seen !== undefined && seen >= at) continue;
    seenAt.set(v, at);
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) todo.push([child, at + 1]);
  }
  return false;
}
