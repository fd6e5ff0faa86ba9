/**
 * The packets' outlines (SVG path data, centred on 0,0), shared by the stage and its legend so
 * the legend shows exactly what moves.
 */
export const SHAPES = {
  request: 'M-16,0a16,16 0 1,0 32,0a16,16 0 1,0 -32,0',
  response: 'M0,-19L19,0L0,19L-19,0Z',
  dns: 'M-10,-10h20v20h-20Z',
  // A handshake segment: a small flag-shaped pennant, not a full packet of data.
  tcp: 'M-18,-14L18,-14L9,0L18,14L-18,14Z',
} as const;

/** A burst (twelve points): what a balancer's block looks like. */
export function burstPath(outer: number, inner: number, points = 12): string {
  const d: string[] = [];
  for (let i = 0; i < points * 2; i++) {
    const r = i % 2 ? inner : outer;
    const a = (Math.PI * i) / points - Math.PI / 2;
    d.push(`${i ? 'L' : 'M'}${(r * Math.cos(a)).toFixed(1)},${(r * Math.sin(a)).toFixed(1)}`);
  }
  return `${d.join('')}Z`;
}

/** A U-turn arrow: a cache hit answered at the balancer, going back where it came from. */
export const UTURN = 'M14,-12H-4a12,12 0 0,0 0,24H10M4,6l8,6l-8,6';
