import type { Lesson } from './types.ts';

/** Every lesson, in the order of the seed notes: one import and one entry per lesson file. */
export const LESSONS: readonly Lesson[] = [
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
