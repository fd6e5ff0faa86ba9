import type { Layout } from './layout.ts';

/** The algorithm's reasons drawn on the stage (filled in by the canvas-why work). */
export function WhyOverlay(_props: { layout: Layout }) {
  return null;
}
