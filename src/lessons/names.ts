import { translateBoth } from '../i18n/index.ts';

/**
 * The panels and controls lessons quote by name, read from the very keys the page labels them
 * with: a lesson that says "open X" names something the student can find, in either language,
 * and renaming a panel renames it in the lessons too (names.test.ts holds every quote to this).
 */
export const UI = {
  why: translateBoth('why.title'),
  inspector: translateBoth('inspector.label'),
  compare: translateBoth('side.label'),
  scaling: translateBoth('scaling.label'),
  nat: translateBoth('nat.label'),
} as const;
