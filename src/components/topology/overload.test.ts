import { describe, expect, it } from 'vitest';
import overload from '../../scenarios/overload.json';
import { simulateRun } from '../../sim/engine.ts';
import { scenarioOf } from '../../sim/test/helpers.ts';
import { dropsAt, packetsAt } from '../../trace/packets.ts';
import { buildTrace } from '../../trace/trace.ts';
import { translate } from '../../i18n/index.ts';
import { legendItems } from './legendItems.ts';
import { dropGroups, markSpot } from './packetGeometry.ts';
import { labelled, pillOf, retryOf, segmentRetryOf, textEms } from './packetLabels.ts';
import { acceptQueue, droppingAt, FULL_HOLD_MS, firstFullAt, fullText, queueLimits } from './queueFull.ts';
import { fullTagPlace, slotsFrame } from './queueGeometry.ts';

const s = scenarioOf(overload);
const trace = buildTrace(simulateRun(s));
const words = (lang: 'en' | 'ko') => ({
  cache: translate(lang, 'packets.pill.cache'),
  sessionLost: translate(lang, 'packets.pill.sessionLost'),
  retry: translate(lang, 'packets.pill.retry'),
});
const overflows = trace.records
  .flatMap((r) => r.hops.filter((h) => h.drop === 'overflow').map((h) => ({ r, h })))
  .sort((a, b) => a.h.at - b.h.at);
const held = (server: string, t: number) => packetsAt(trace, t).filter((p) => p.from === server && p.to === server).length;

describe('a full accept queue', () => {
  const s1 = queueLimits(s).get('s1')!;

  it('is the waiting requests (beyond those served) at the backlog, or a SYN dropped within the hold', () => {
    expect(s1).toEqual({ concurrency: 2, backlog: 8 });
    // The server added by an event has its own limits.
    expect(queueLimits(s).get('s3')).toEqual({ concurrency: 4, backlog: 8 });
    expect(acceptQueue(9, s1, false)).toEqual({ waiting: 7, full: false });
    expect(acceptQueue(10, s1, false)).toEqual({ waiting: 8, full: true });
    expect(acceptQueue(1, s1, false)).toEqual({ waiting: 0, full: false });
    expect(acceptQueue(9, s1, true).full).toBe(true);
    expect(fullText(translate('en', 'packets.queue.full'), acceptQueue(10, s1, false), s1)).toBe('queue full 8/8');
    expect(fullText(translate('ko', 'packets.queue.full'), acceptQueue(10, s1, false), s1)).toBe('대기열 가득 8/8');
  });

  it('is what the engine drops SYNs at: at every drop the server holds its concurrency and its backlog', () => {
    expect(overflows.length).toBeGreaterThan(50);
    for (const { h } of overflows.slice(0, 40)) {
      const limit = queueLimits(s).get(h.node)!;
      expect(acceptQueue(held(h.node, h.at), limit, false), `${h.node} at ${h.at}`).toEqual({ waiting: limit.backlog, full: true });
    }
  });

  it('is first full before the first drop, and the legend names it from then on', () => {
    const first = firstFullAt(s, trace);
    expect(first).toBeLessThanOrEqual(overflows[0]!.h.at);
    expect(acceptQueue(held('s1', first), s1, false).full).toBe(true);
    expect(acceptQueue(held('s1', first - 1e-3), s1, false).full).toBe(false);
    expect(legendItems(s, trace, first - 1)).not.toContain('queueFull');
    expect(legendItems(s, trace, first)).toContain('queueFull');
  });

  it('stays marked for FULL_HOLD_MS after a drop, so the mark does not blink as places free and fill', () => {
    const d = overflows[0]!.h;
    const drops = dropsAt(trace, d.at + 1);
    expect(droppingAt(drops, d.at)).toContain('s1');
    expect(droppingAt(dropsAt(trace, d.at + FULL_HOLD_MS - 1), d.at + FULL_HOLD_MS - 1)).toContain('s1');
    expect(droppingAt([{ node: 's1', drop: 'overflow', at: 0 }], FULL_HOLD_MS)).not.toContain('s1');
    expect(droppingAt([{ node: 's1', drop: 'lost', at: 0 }], 1)).not.toContain('s1');
  });

  it('outline takes the dots drawn, and its tag goes under it unless something is there, inside the picture', () => {
    const place = { slots: [0, 1, 2, 3].map((i) => ({ x: 100 + 20 * i, y: 50 })), perRow: 4 };
    const frame = slotsFrame(place, 2, 6)!;
    expect(frame.x).toBeLessThan(100 - 6);
    expect(frame.x + frame.w).toBeGreaterThan(120 + 6);
    expect(frame.x + frame.w).toBeLessThan(140);
    expect(slotsFrame(place, 0, 6)).toBeNull();
    const bounds = { width: 400, height: 300 };
    expect(fullTagPlace(frame, 80, 20, [], bounds)).toEqual({ x: frame.x, y: frame.y + frame.h + 3 });
    const under = { x: 0, y: frame.y + frame.h, w: 400, h: 40 };
    expect(fullTagPlace(frame, 80, 20, [under], bounds).x).toBe(frame.x + frame.w + 3);
    // At the picture's edge it stays inside.
    const edge = fullTagPlace({ x: 350, y: 280, w: 40, h: 15 }, 80, 20, [], bounds);
    expect(edge.x + 80).toBeLessThanOrEqual(398);
    expect(edge.y + 20).toBeLessThanOrEqual(298);
  });
});

describe('a SYN sent again', () => {
  const { r } = overflows[0]!;
  const retries = r.hops.flatMap((h, i) => (h.retransmit ? [i] : []));

  it('is read from its hops: the retransmit number, and the wait since the first SYN (1, 3, 7 s)', () => {
    expect(retries.length).toBeGreaterThan(0);
    const first = retryOf(r, retries[0]!)!;
    expect(first).toEqual({ n: 1, afterS: 1 });
    // L4: the balancer passing the retry on to the server still carries it.
    expect(r.hops[retries[0]! + 1]!.node).toBe('lb1');
    expect(retryOf(r, retries[0]! + 1)).toEqual(first);
    expect(retryOf(r, 0)).toBeNull();
    expect(retryOf(r, 1)).toBeNull();
    const twice = overflows.find(({ r: x }) => x.hops.some((h) => h.retransmit === 2))!.r;
    const i = twice.hops.findIndex((h) => h.retransmit === 2);
    expect(retryOf(twice, i)).toEqual({ n: 2, afterS: 3 });
  });

  it('says so on its pill, in both languages, and is labelled before newer packets', () => {
    const hop = r.hops[retries[0]!]!;
    const t = hop.at + 1;
    const packets = packetsAt(trace, t);
    const k = packets.findIndex((p) => p.id === r.id);
    expect(packets[k]!.from).not.toBe(packets[k]!.to);
    expect(pillOf(packets[k]!, r, 'L4', words('en'))).toEqual({ text: `#${r.id} SYN retry 1 (+1 s)`, tone: 'retry' });
    expect(pillOf(packets[k]!, r, 'L4', words('ko')).text).toBe(`#${r.id} SYN 재전송 1번째 (+1초)`);
    // Even among many newer packets.
    expect(labelled(packets, null, 1, new Set(), [k])).toEqual([k]);
    // A pill of ordinary width: it reads from the back row without crossing the stage.
    expect(textEms(`#${r.id} SYN 재전송 1번째 (+1초)`)).toBeLessThan(20);
  });

  it('is in the legend from the first one on', () => {
    const at = r.hops[retries[0]!]!.at;
    const first = trace.records
      .flatMap((x) => x.hops.filter((h) => h.retransmit).map((h) => h.at))
      .reduce((m, x) => Math.min(m, x), Infinity);
    expect(first).toBeLessThanOrEqual(at);
    expect(legendItems(s, trace, first - 1)).not.toContain('retry');
    expect(legendItems(s, trace, first)).toContain('retry');
  });
});

describe('drop marks', () => {
  it('count repeats at one node instead of stacking copies', () => {
    const g = dropGroups([
      { node: 's1', drop: 'overflow', at: 1 },
      { node: 'lb1', drop: 'lost', at: 2 },
      { node: 's1', drop: 'overflow', at: 3 },
      { node: 's1', drop: 'lost', at: 4 },
    ]);
    expect(g.map((x) => [x.node, x.drop, x.count, x.at])).toEqual([
      ['s1', 'overflow', 2, 1],
      ['lb1', 'lost', 1, 2],
      ['s1', 'lost', 1, 4],
    ]);
  });

  it('beside the top server stay inside the picture: those that do not fit above go below', () => {
    const half = { w: 75, h: 36 };
    const spots = [0, 1, 2].map((k) => markSpot('s1', { x: 800, y: 117 }, 'wide', k, half));
    for (const p of spots) expect(p.y - 19).toBeGreaterThanOrEqual(0);
    expect(new Set(spots.map((p) => p.y)).size).toBe(3);
    // In the tall picture a server's mark goes over its box (its queue hangs under it).
    expect(markSpot('s1', { x: 80, y: 460 }, 'tall', 0, half, 700).y).toBeLessThan(460 - 36);
  });
});

describe('with handshakes, the dropped SYN and the one sent again are segments', () => {
  const hs = scenarioOf({ ...overload, network: { ...overload.network, handshakes: true } });
  const tr = buildTrace(simulateRun(hs));
  const r = tr.records.find((x) => x.tcp?.some((t) => t.drop === 'overflow'))!;
  const dropAt = r.tcp!.find((t) => t.drop === 'overflow')!.at;
  const again = r.tcp!.findIndex((t) => t.flags === 'SYN' && !t.in && t.at > dropAt);

  it('the drop is marked at the server, and the queue counts as dropping', () => {
    expect(r.hops.some((h) => h.drop)).toBe(false);
    expect(dropsAt(tr, dropAt).some((d) => d.id === r.id && d.node === 's1' && d.drop === 'overflow')).toBe(true);
    expect(droppingAt(dropsAt(tr, dropAt), dropAt)).toContain('s1');
  });

  it('the SYN sent again says so on its pill, on both legs, and the legend names it', () => {
    expect(segmentRetryOf(r, again)).toEqual({ n: 1, afterS: 1 });
    expect(segmentRetryOf(r, again + 1)).toEqual({ n: 1, afterS: 1 });
    expect(segmentRetryOf(r, 0)).toBeNull();
    const at = r.tcp![again]!.at + 1;
    const p = packetsAt(tr, at).find((x) => x.id === r.id)!;
    expect(p.kind).toBe('tcp');
    expect(pillOf(p, r, 'L4', words('en'))).toEqual({ text: `#${r.id} SYN retry 1 (+1 s)`, tone: 'retry' });
    expect(legendItems(hs, tr, at)).toEqual(expect.arrayContaining(['drop', 'queueFull', 'retry']));
  });
});
