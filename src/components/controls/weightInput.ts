import { translateBoth } from '../../i18n/index.ts';
import { MAX_WEIGHT } from '../../sim/defaults.ts';
import { echoText, type Said } from '../../sim/said.ts';

/**
 * A weight typed by hand (the settings panel, a server's card on the stage): a whole number from
 * 1 to MAX_WEIGHT, or the message naming what is wrong with it. One rule for both places.
 */
export function weightProblem(text: string): Said | null {
  const w = Number(text);
  return /^\d+$/.test(text.trim()) && w >= 1 && w <= MAX_WEIGHT ? null : translateBoth('invalid.weight', { value: echoText(text, 60) });
}
