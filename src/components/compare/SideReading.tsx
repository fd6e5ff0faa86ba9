import type { SideFigures } from '../../experiments/sideBySide.ts';
import { useT } from '../../store/context.tsx';

const near = (x: number, y: number) => Math.abs(x - y) < 0.05;

/** The comparison read aloud: sessions, speed, evenness, and for L7 what its extra work buys. */
export function SideReading({ a, b, name, layers }: { a: SideFigures; b: SideFigures; name(f: SideFigures): string; layers: boolean }) {
  const t = useT();
  const lines: string[] = [];
  if (a.sessionsLost + a.sessionsKept + b.sessionsLost + b.sessionsKept > 0) {
    lines.push(t('side.read.sessions', { a: name(a), la: a.sessionsLost, b: name(b), lb: b.sessionsLost }));
  }
  if (near(a.latencyMeanMs, b.latencyMeanMs)) lines.push(t('side.read.same'));
  else {
    const [fast, slow] = a.latencyMeanMs < b.latencyMeanMs ? [a, b] : [b, a];
    lines.push(t('side.read.faster', { faster: name(fast), diff: (slow.latencyMeanMs - fast.latencyMeanMs).toFixed(1) }));
  }
  if (near(a.spread, b.spread)) lines.push(t('side.read.evenSame'));
  else {
    const [even, other] = a.spread < b.spread ? [a, b] : [b, a];
    lines.push(t('side.read.even', { even: name(even), x: even.spread.toFixed(2), y: other.spread.toFixed(2) }));
  }
  if (layers) lines.push(t('side.read.l7', { work: (b.balancerMsPerRequest - a.balancerMsPerRequest).toFixed(1) }));
  // Algorithm names are lower case mid-sentence; a sentence still starts with a capital.
  return <p className="lesson side-reading">{lines.map((l) => l.charAt(0).toUpperCase() + l.slice(1)).join(' ')}</p>;
}
