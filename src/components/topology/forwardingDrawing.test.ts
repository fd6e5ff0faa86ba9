import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../sim/engine.ts';
import { FORWARDINGS, macOf } from '../../sim/forwarding.ts';
import { scenarioOf } from '../../sim/test/helpers.ts';
import { packetsAt, type PacketPosition } from '../../trace/packets.ts';
import { buildTrace } from '../../trace/trace.ts';
import { natStory } from '../inspector/natCaption.ts';
import { drawingOf, FORWARDING_DRAWING } from './forwardingDrawing.ts';
import { legendItems } from './legendItems.ts';
import { headerAt, TagTracker, type ExtraOf } from './packetTag.ts';

/**
 * The drawing's half of each forwarding mode, over the engine's own records (the hops of
 * contracts.md: dr's `mac` on the balancer's outgoing header and the server's incoming one,
 * tun's `outer`, no balancer hop on a dr/tun answer's way back).
 */
function run(forwarding: string) {
  const s = scenarioOf({
    mode: 'L4',
    forwarding,
    servers: [{ name: 's1' }, { name: 's2' }],
    requests: [{ at: 0, client: '203.0.113.10' }],
  });
  const trace = buildTrace(simulateRun(s));
  const r = trace.records[0]!;
  const extraOf: ExtraOf = (p, rec, header) => drawingOf(s).tagExtra(p, rec, header, s);
  /** The packet of the first request a share `f` of the way between hop `i` and the next. */
  const at = (i: number, f = 0.5): PacketPosition => {
    const t = r.hops[i]!.at + (r.hops[i + 1]!.at - r.hops[i]!.at) * f;
    return packetsAt(trace, t).find((p) => p.id === r.id && p.kind !== 'dns')!;
  };
  const extra = (p: PacketPosition) => extraOf(p, r, headerAt(p, r)!);
  return { s, trace, r, at, extra, extraOf };
}

describe('each forwarding mode has its drawing, complete by type', () => {
  it('one entry per mode: dr and tun draw the direct answers, full NAT and LVS-NAT do not', () => {
    expect(Object.keys(FORWARDING_DRAWING).sort()).toEqual([...FORWARDINGS].sort());
    expect(FORWARDINGS.filter((f) => FORWARDING_DRAWING[f].directAnswer)).toEqual(['dr', 'tun']);
  });

  it('L7 is a proxy: it draws as full NAT whatever the field says', () => {
    expect(drawingOf({ mode: 'L7', forwarding: 'dr' })).toBe(FORWARDING_DRAWING['full-nat']);
  });
});

describe("direct routing: the tag's dst MAC flips at the balancer while src and dst stay", () => {
  const { r, at, extra, s } = run('dr');

  it('in: the client → VIP packet carries the balancer’s MAC', () => {
    const p = at(0);
    expect([p.from, p.to]).toEqual(['client:203.0.113.10', 'lb1']);
    expect(extra(p)).toEqual({ kind: 'mac', dst: macOf(s.network.balancerIps[0]!), changed: false });
  });

  it('out of the balancer: the server’s MAC, marked as the rewrite; the IP header as it came in', () => {
    const p = at(1);
    expect(p.from).toBe('lb1');
    expect(extra(p)).toEqual({ kind: 'mac', dst: macOf('10.0.0.11'), changed: true });
    expect(headerAt(p, r)!.dst).toBe(r.hops[0]!.out!.dst);
    expect(headerAt(p, r)!.src).toBe(r.hops[0]!.out!.src);
  });

  it('the answer goes from the server straight to the client, with no MAC line', () => {
    const back = r.hops.findIndex((h) => h.dir === 'response');
    const p = at(back);
    expect([p.kind, p.from, p.to]).toEqual(['response', 's1', 'client:203.0.113.10']);
    expect(extra(p)).toBeNull();
  });

  it('the tracker notes the flip although src and dst are the same (the glow starts then)', () => {
    const tracker = new TagTracker();
    const { extraOf } = run('dr');
    const before = tracker.update(at(0), r, 'L4', 100, extraOf)!;
    expect(before.changedAt).toBe(-Infinity);
    const after = tracker.update(at(1), r, 'L4', 200, extraOf)!;
    expect(after).not.toBe(before);
    expect(after.extra).toMatchObject({ kind: 'mac', changed: true });
    expect(after.changedAt).toBe(200);
  });
});

describe('IP tunnelling: the outer header wraps the packet from the balancer and comes off at the server', () => {
  const { r, at, extra, s } = run('tun');

  it('out of the balancer: outer balancer → server, marked', () => {
    expect(extra(at(0))).toBeNull();
    expect(extra(at(1))).toEqual({ kind: 'outer', src: s.network.balancerIps[0], dst: '10.0.0.11', changed: true, off: null });
  });

  it('held at the server: taken off there', () => {
    const served = r.hops.findIndex((h) => h.node === 's1' && h.dir === 'request');
    expect(extra(at(served))).toMatchObject({ kind: 'outer', off: 's1' });
  });

  it('the answer: straight to the client, no outer header', () => {
    const back = r.hops.findIndex((h) => h.dir === 'response');
    expect([at(back).from, at(back).to]).toEqual(['s1', 'client:203.0.113.10']);
    expect(extra(at(back))).toBeNull();
  });
});

describe('the NAT card’s story per mode', () => {
  it('dr: the IP header stays, the Ethernet destination goes from lb1’s MAC to s1’s', () => {
    const { r, s } = run('dr');
    expect(natStory(r, 1, s)).toEqual({
      kind: 'mac',
      from: { name: 'lb1', mac: macOf(s.network.balancerIps[0]!) },
      to: { name: 's1', mac: macOf('10.0.0.11') },
    });
  });

  it('tun: wrapped in an outer header lb1 → s1, which s1 takes off', () => {
    const { r, s } = run('tun');
    expect(natStory(r, 1, s)).toEqual({ kind: 'outer', src: s.network.balancerIps[0], dst: '10.0.0.11', server: 's1' });
  });

  it('LVS-NAT: only the destination is rewritten (the server sees the client); the answer gets the VIP back as its source', () => {
    const { r, s } = run('nat');
    const story = natStory(r, 1, s);
    expect(story.kind === 'rewrite' && story.rewrites.map((w) => w.field)).toEqual(['dst']);
    const back = r.hops.findIndex((h) => h.dir === 'response' && h.node === 'lb1');
    const answer = natStory(r, back, s);
    expect(answer.kind === 'rewrite' && answer.rewrites.map((w) => [w.field, w.to.kind])).toEqual([['src', 'vip']]);
  });
});

describe('the legend names the marks of the mode in force', () => {
  it.each([
    ['full-nat', []],
    ['nat', []],
    ['dr', ['direct', 'mac']],
    ['tun', ['direct', 'outer']],
  ] as const)('%s', (forwarding, marks) => {
    const { s, trace } = run(forwarding);
    const items = legendItems(s, trace, 0);
    expect(items.filter((i) => i === 'direct' || i === 'mac' || i === 'outer')).toEqual(marks);
  });
});
