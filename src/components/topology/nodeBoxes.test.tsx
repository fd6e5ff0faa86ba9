// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { NodeBox } from './NodeBox.tsx';
import { boxHalf, boxSize, drawnBox, drawnBoxes, nodeKind, TYPE } from './nodeBoxes.ts';

afterEach(cleanup);

function stage() {
  return render(
    <svg>
      <NodeBox id="client:203.0.113.10" kind="client" lessonTarget="clients" at={{ x: 150, y: 220 }} title="203.0.113.10" label="client" />
      <NodeBox id="dns" kind="dns" lessonTarget="dns" at={{ x: 490, y: 110 }} title="DNS" subtitle="www.example.com" label="dns" />
      <NodeBox id="lb1" kind="balancer" lessonTarget="lb1" at={{ x: 760, y: 330 }} title="lb1" subtitle="10.0.0.2" label="lb1" />
      <NodeBox
        id="s2"
        kind="server"
        lessonTarget="servers"
        at={{ x: 1420, y: 400 }}
        title="s2"
        subtitle="10.0.0.12:8080"
        note="w 1"
        label="s2"
      />
      <NodeBox
        id="s3"
        kind="server"
        lessonTarget="servers"
        at={{ x: 1420, y: 700 }}
        title="s3"
        subtitle="10.0.0.13:8080"
        note="w 1"
        status={['failed', 'down for lb1']}
        label="s3"
      />
    </svg>,
  ).container;
}

describe('node boxes', () => {
  it('names each kind of node in either id scheme', () => {
    expect(['client', 'client:1.2.3.4', 'dns', 'lb1', 'lb2', 's2'].map(nodeKind)).toEqual([
      'client',
      'client',
      'dns',
      'balancer',
      'balancer',
      'server',
    ]);
  });

  it('reads every box by its data-node id, at the size NodeBox drew it', () => {
    const boxes = drawnBoxes(stage());
    expect([...boxes.keys()]).toEqual(['client:203.0.113.10', 'dns', 'lb1', 's2', 's3']);
    // The usual boxes are what boxHalf expects before anything is drawn.
    for (const id of ['client:203.0.113.10', 'dns', 'lb1', 's2']) {
      const b = boxes.get(id)!;
      expect({ w: b.w / 2, h: b.h / 2 }, id).toEqual(boxHalf(id));
    }
    // Two status lines make a server wider and taller than the guess, by two lines of 14 px type.
    const s3 = boxes.get('s3')!;
    expect(s3.w).toBeGreaterThan(2 * boxHalf('s3').w);
    expect(s3.h).toBeCloseTo(2 * boxHalf('s3').h + 2 * 14 * 1.3, 5);
    expect(s3.x + s3.w / 2).toBeCloseTo(1420, 5);
    expect(s3.y + s3.h / 2).toBeCloseTo(700, 5);
  });

  it('grows a box and its lines with the type scale', () => {
    const plain = boxSize('server', { subtitle: true, note: true }, 1);
    const big = boxSize('server', { subtitle: true, note: true }, 1.5);
    expect(big.w).toBeCloseTo(plain.w * 1.5, 5);
    expect(big.h).toBeCloseTo(plain.h * 1.5, 5);
    // The lines come in order, inside the box, each at least its type's size below the last.
    const { title, sub, note } = plain.lines;
    expect(title).toBeGreaterThanOrEqual(TYPE.title);
    expect(sub! - title).toBeGreaterThanOrEqual(TYPE.sub);
    expect(note! - sub!).toBeGreaterThanOrEqual(TYPE.note);
    expect(note!).toBeLessThan(plain.h);
  });

  it('finds one node whose id holds dots and a colon', () => {
    const root = stage();
    const half = boxHalf('client:203.0.113.10');
    expect(drawnBox(root, 'client:203.0.113.10')).toEqual({ x: 150 - half.w, y: 220 - half.h, w: 2 * half.w, h: 2 * half.h });
    expect(drawnBox(root, 'client:203.0.113.1')).toBeNull();
  });
});
