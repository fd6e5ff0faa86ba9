// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { NodeBox } from './NodeBox.tsx';
import { boxHalf, drawnBox, drawnBoxes, nodeKind } from './nodeBoxes.ts';

afterEach(cleanup);

function stage() {
  return render(
    <svg>
      <NodeBox id="client:203.0.113.10" kind="client" lessonTarget="clients" at={{ x: 150, y: 220 }} title="203.0.113.10" label="client" />
      <NodeBox id="dns" kind="dns" lessonTarget="dns" at={{ x: 490, y: 110 }} title="DNS" subtitle="web → 198.51.100.1" label="dns" wide />
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
    // Two status lines make a server wider and taller than the guess.
    expect(boxes.get('s3')).toEqual({ x: 1285, y: 700 - 82, w: 270, h: 164 });
  });

  it('finds one node whose id holds dots and a colon', () => {
    const root = stage();
    expect(drawnBox(root, 'client:203.0.113.10')).toEqual({ x: 35, y: 190, w: 230, h: 60 });
    expect(drawnBox(root, 'client:203.0.113.1')).toBeNull();
  });
});
