import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../sim/engine.ts';
import { scenarioOf } from '../../sim/test/helpers.ts';
import { packetsAt, verdictsAt } from '../../trace/packets.ts';
import { buildTrace } from '../../trace/trace.ts';
import { legendItems } from './legendItems.ts';
import { boxHalf } from './nodeBoxes.ts';
import { edgeSegment, obstaclesOf, placeBeside } from './packetGeometry.ts';
import { heldProgress, queueArea, queueSlots } from './queueGeometry.ts';
import { KeyedPool } from './keyedPool.ts';
import { labelled, pillOf, textEms } from './packetLabels.ts';
import { focusOf, TagTracker } from './packetTag.ts';

const three = [{ name: 's1' }, { name: 's2' }, { name: 's3' }];
const words = { cache: 'cache', sessionLost: 'session lost', retry: 'SYN retry {n} (+{after} s)' };

function traced(input: object) {
  const s = scenarioOf(input);
  return { s, trace: buildTrace(simulateRun(s)) };
}

const l7 = traced({
  mode: 'L7',
  servers: three,
  cache: { pathPrefixes: ['/static'], ttlMs: 60000 },
  block: { pathPrefixes: ['/admin'] },
  requests: [
    { at: 0, client: '203.0.113.10', path: '/static/app.js' },
    { at: 200, client: '203.0.113.10', path: '/static/app.js' },
    { at: 400, client: '192.0.2.77', path: '/admin' },
    { at: 600, client: '192.0.2.77', path: '/map' },
  ],
});

describe('pills', () => {
  it('say the id, and in L7 the method and path of a request', () => {
    const r = l7.trace.records[3]!;
    const p = packetsAt(l7.trace, r.hops[0]!.at + 1).find((x) => x.id === r.id)!;
    expect(p.kind).toBe('request');
    expect(pillOf(p, r, 'L7', words)).toEqual({ text: `#${r.id} GET /map`, tone: 'plain' });
    expect(pillOf(p, r, 'L4', words).text).toBe(`#${r.id}`);
  });

  it('name a cache hit and write an error status on the answer', () => {
    const [, hit, blocked] = l7.trace.records;
    expect(hit!.outcome).toBe('cached');
    expect(blocked!.status).toBe(403);
    const answer = (r: typeof hit) => packetsAt(l7.trace, r!.doneAt - 1).find((x) => x.id === r!.id)!;
    expect(answer(hit).kind).toBe('response');
    expect(pillOf(answer(hit), hit!, 'L7', words)).toEqual({ text: `#${hit!.id} cache`, tone: 'cache' });
    expect(pillOf(answer(blocked), blocked!, 'L7', words)).toEqual({ text: `#${blocked!.id} 403`, tone: 'error' });
  });

  it('label the selected packet first, then the newest, never more than asked', () => {
    const ps = Array.from({ length: 60 }, (_, i) => ({
      record: i,
      id: i + 1,
      kind: 'request' as const,
      from: 'a',
      to: 'b',
      frac: 0.5,
      hop: 0,
    }));
    const chosen = labelled(ps, 3, 40);
    expect(chosen).toHaveLength(40);
    expect(chosen[0]).toBe(2);
    expect(chosen[1]).toBe(59);
    // Those labelled last frame keep their pill while they travel; the newest fill the rest.
    expect(labelled(ps, null, 3, new Set([5, 9]))).toEqual([8, 4, 59]);
    expect(
      labelled(
        ps.map((p) => ({ ...p, to: p.from })),
        null,
      ),
    ).toEqual([]);
  });

  it('measure Hangul wider than Latin', () => {
    expect(textEms('#5')).toBeCloseTo(1.2);
    expect(textEms('캐시')).toBe(2);
  });
});

describe('the header tag (L4, default network)', () => {
  const { trace } = traced({ servers: three, requests: [{ at: 0, client: '203.0.113.10' }] });
  const r = trace.records[0]!;
  const vip = r.hops[0]!.out!.dst;

  it('shows the VIP as destination before lb1 and the server after, with both fields marked as rewritten', () => {
    const tracker = new TagTracker();
    const at = (t: number) => {
      const ps = packetsAt(trace, t);
      const f = focusOf(ps, null, tracker.focus);
      return tracker.update(ps[f]!, r, 'L4', t);
    };
    const before = at((r.hops[0]!.at + r.hops[1]!.at) / 2)!;
    expect(before.header.dst).toBe(vip);
    expect(before.changed).toEqual({ src: false, dst: false });
    const after = at((r.hops[1]!.at + r.hops[2]!.at) / 2)!;
    expect(after.header.dst).toBe(`${r.nat!.server}`);
    expect(after.changed).toEqual({ src: true, dst: true });
    // Its answer starts unmarked, and is marked again once lb1 rewrites it back.
    const back = at((r.hops[3]!.at + r.hops[4]!.at) / 2)!;
    expect(back.changed).toEqual({ src: false, dst: false });
    const home = at((r.hops[4]!.at + r.hops[5]!.at) / 2)!;
    expect(home.header).toEqual({ src: vip, dst: r.hops[0]!.out!.src });
    expect(home.changed).toEqual({ src: true, dst: true });
  });

  it('marks the rewrite on a packet reached by seeking straight past the balancer', () => {
    const t = (r.hops[1]!.at + r.hops[2]!.at) / 2;
    const p = packetsAt(trace, t).find((x) => x.id === r.id)!;
    expect(new TagTracker().update(p, r, 'L4', t)!.changed).toEqual({ src: true, dst: true });
  });

  it("in L7 the server side is the balancer's own request: its fields differ from what came in", () => {
    const r7 = l7.trace.records[3]!;
    const out = r7.hops.findIndex((h) => h.node === 'lb1' && h.dir === 'request' && h.out);
    const p = packetsAt(l7.trace, (r7.hops[out]!.at + r7.hops[out + 1]!.at) / 2).find((x) => x.id === r7.id)!;
    expect(p.from).toBe('lb1');
    expect(new TagTracker().update(p, r7, 'L7', 0)!.changed).toEqual({ src: true, dst: true });
  });
});

describe('where packets and marks are drawn', () => {
  it('a packet on a link keeps out of both boxes', () => {
    const a = { x: 150, y: 220 },
      b = { x: 490, y: 110 };
    const s = edgeSegment(a, b, boxHalf('client:1.2.3.4'), boxHalf('dns'));
    expect(Math.abs(s.x0 - a.x) > boxHalf('client:1.2.3.4').w || Math.abs(s.y0 - a.y) > boxHalf('client:1.2.3.4').h).toBe(true);
    expect(Math.abs(s.x1 - b.x) > boxHalf('dns').w || Math.abs(s.y1 - b.y) > boxHalf('dns').h).toBe(true);
  });

  it("a server's queue of dots fills the room right of its box; without room there, rows under it", () => {
    const at = { x: 1000, y: 300 },
      half = { w: 80, h: 50 };
    const right = queueSlots('s1', at, half, 10, [], { width: 1400, height: 900 });
    expect(right.perRow).toBeGreaterThanOrEqual(4);
    for (const slot of right.slots) {
      expect(slot.x - 10).toBeGreaterThan(at.x + half.w);
      expect(slot.x + 10).toBeLessThan(1400);
    }
    // The picture ends just past the box: the queue goes under it, across the box's width.
    const area = queueArea(right, 10)!;
    expect(area.x).toBeGreaterThan(at.x + half.w);
    expect(area.x + area.w).toBeLessThan(1400);
    const under = queueSlots('s1', at, half, 10, [], { width: 1100, height: 900 });
    for (const slot of under.slots) expect(slot.y - 10).toBeGreaterThan(at.y + half.h);
    expect(under.perRow).toBeGreaterThanOrEqual(4);
    // A balancer's queue is under its box and keeps off the box below it.
    const lb = queueSlots('lb1', at, half, 10, [{ x: 900, y: 420, w: 200, h: 60 }], { width: 1400, height: 900 });
    expect(lb.slots.length).toBeGreaterThan(0);
    for (const slot of lb.slots) expect(slot.y + 10).toBeLessThanOrEqual(420);
  });

  it("a held packet's progress runs over its whole stay at the node: a long job's ring fills slowly", () => {
    const slow = traced({ seed: 1, servers: [{ name: 's1' }], requests: [{ at: 0, client: '203.0.113.10', path: '/', serviceMs: 2000 }] });
    const r = slow.trace.records[0]!;
    const atServer = r.hops.find((h) => h.node === 's1')!;
    const p = (t: number) => heldProgress(r, t);
    expect(p(atServer.at + 10)).toBeGreaterThan(0);
    expect(p(atServer.at + 10)!).toBeLessThan(0.05);
    expect(p(atServer.at + 1000)!).toBeGreaterThan(0.45);
    expect(p(atServer.at + 1000)!).toBeLessThan(0.55);
    // On a link it is not held.
    expect(p((r.hops[0]!.at + r.hops[1]!.at) / 2)).toBeNull();
  });

  it('pooled elements stay with their packet from frame to frame; the ones not used are hidden', () => {
    let made = 0;
    const hidden: number[] = [];
    const pool = new KeyedPool(
      () => ({ n: made++ }),
      (e) => hidden.push(e.n),
    );
    pool.begin();
    const a = pool.take(7),
      b = pool.take(8);
    pool.end();
    pool.begin();
    expect(pool.take(8)).toBe(b);
    pool.end();
    expect(hidden).toEqual([a.n]);
    pool.begin();
    expect(pool.take(9)).toBe(a);
    pool.end();
    expect(made).toBe(2);
  });

  it('a label goes where it covers no node when there is such a place', () => {
    const points = new Map([
      ['lb1', { x: 760, y: 330 }],
      ['s1', { x: 1400, y: 330 }],
    ]);
    const spot = placeBeside(1080, 330, 200, 60, obstaclesOf(points), { width: 1600, height: 900 }, null);
    const r = { x: spot.x, y: spot.y, w: 200, h: 60 };
    for (const o of obstaclesOf(points)) {
      const apart = r.x + r.w <= o.x || o.x + o.w <= r.x || r.y + r.h <= o.y || o.y + o.h <= r.y;
      expect(apart).toBe(true);
    }
  });

  it('a cache hit and a block are marked at the balancer that answered', () => {
    const [, hit, blocked] = l7.trace.records;
    const ats = (id: number) => l7.trace.records.find((r) => r.id === id)!.hops.find((h) => h.dir === 'response')!.at;
    expect(verdictsAt(l7.trace, ats(hit!.id) + 1).map((v) => [v.verdict, v.node])).toEqual([['cached', 'lb1']]);
    expect(
      verdictsAt(l7.trace, ats(blocked!.id) + 1)
        .filter((v) => v.id === blocked!.id)
        .map((v) => [v.verdict, v.status]),
    ).toEqual([['blocked', 403]]);
  });
});

describe('the legend', () => {
  it('names only what this scenario can show', () => {
    const l4 = traced({ servers: three, requests: [{ at: 0, client: '203.0.113.10' }] });
    const items = legendItems(l4.s, l4.trace, Infinity);
    expect(items).toEqual(expect.arrayContaining(['request', 'response', 'pill']));
    expect(items).not.toContain('probe');
    expect(items).not.toContain('tcp');
    expect(items).not.toContain('cache');
    expect(legendItems(l7.s, l7.trace, Infinity)).toEqual(expect.arrayContaining(['cache', 'blocked', 'error']));
    // An error answer is named from the moment the first one is drawn, not before.
    const blocked = l7.trace.records.find((r) => r.outcome === 'blocked')!;
    const back = blocked.hops.find((h) => h.dir === 'response')!.at;
    expect(legendItems(l7.s, l7.trace, back - 1)).not.toContain('error');
    expect(legendItems(l7.s, l7.trace, back)).toContain('error');
    const checked = traced({
      servers: three,
      requests: [{ at: 0, client: '203.0.113.10' }],
      network: { handshakes: true },
      healthCheck: {},
    });
    expect(legendItems(checked.s, checked.trace, Infinity)).toEqual(expect.arrayContaining(['probe', 'tcp']));
  });
});
