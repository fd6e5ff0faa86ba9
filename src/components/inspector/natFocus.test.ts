import { describe, expect, it } from 'vitest';
import { run, scenarioOf } from '../../sim/test/helpers.ts';
import { buildTrace } from '../../trace/trace.ts';
import { visibleRows, type ConntrackRow } from './conntrackRows.ts';
import { natStory } from './natCaption.ts';
import { latestBalancerHop, natFocus, roleOf } from './natFocus.ts';

const input = {
  servers: [{ name: 's1' }, { name: 's2' }, { name: 's3' }],
  requests: [
    { at: 0, client: '203.0.113.10', serviceMs: 5 },
    { at: 500, client: '192.0.2.77', serviceMs: 5 },
  ],
};
const scenario = scenarioOf(input);
const records = run(input);
const trace = buildTrace(records);
const [first, second] = [records[0]!, records[1]!];

describe('natFocus', () => {
  it('shows nothing before any packet reaches a balancer', () => {
    expect(natFocus(trace, null, first.hops[1]!.at - 1)).toBeNull();
  });

  it('follows the latest balancer hop when nothing relevant is selected', () => {
    expect(latestBalancerHop(trace, first.hops[1]!.at)).toEqual({ record: first, hop: 1 });
    expect(natFocus(trace, null, first.hops[3]!.at)).toEqual({ record: first, hop: 1, selected: false });
    expect(natFocus(trace, null, first.hops[4]!.at)).toEqual({ record: first, hop: 4, selected: false });
    expect(natFocus(trace, null, second.hops[1]!.at + 1)).toEqual({ record: second, hop: 1, selected: false });
  });

  it('follows the selected request while it has just left a balancer', () => {
    const t = second.hops[1]!.at + 1;
    expect(natFocus(trace, first, t)?.record).toBe(second);
    expect(natFocus(trace, first, first.hops[1]!.at)).toEqual({ record: first, hop: 1, selected: true });
    expect(natFocus(trace, first, first.hops[4]!.at + 1)).toEqual({ record: first, hop: 4, selected: true });
    // At the server its last balancer hop is still the latest one, and it is still the selected one.
    expect(natFocus(trace, first, first.hops[2]!.at)).toEqual({ record: first, hop: 1, selected: true });
  });
});

describe('natStory and roleOf', () => {
  it('names who owns each address', () => {
    expect(roleOf('198.51.100.1:80', first, scenario)).toEqual({ kind: 'vip' });
    expect(roleOf('203.0.113.10:50000', first, scenario)).toEqual({ kind: 'client' });
    expect(roleOf('10.0.0.12:8080', first, scenario)).toEqual({ kind: 'server', name: 's2' });
    expect(roleOf('10.0.0.3:1', first, scenario)).toEqual({ kind: 'balancer', name: 'lb2' });
    expect(roleOf('8.8.8.8:53', first, scenario)).toEqual({ kind: 'other' });
  });

  it('tells a request: destination VIP -> server first, then source client -> VIP', () => {
    expect(natStory(first, 1, scenario)).toEqual({
      kind: 'rewrite',
      rewrites: [
        { field: 'dst', from: { kind: 'vip' }, to: { kind: 'server', name: 's1' }, toAddr: '10.0.0.11:8080' },
        { field: 'src', from: { kind: 'client' }, to: { kind: 'vip' }, toAddr: first.nat!.local },
      ],
    });
  });

  it('tells a response: source server -> VIP first, then destination VIP -> client', () => {
    expect(natStory(first, 4, scenario)).toEqual({
      kind: 'rewrite',
      rewrites: [
        { field: 'src', from: { kind: 'server', name: 's1' }, to: { kind: 'vip' }, toAddr: '198.51.100.1:80' },
        { field: 'dst', from: { kind: 'vip' }, to: { kind: 'client' }, toAddr: first.nat!.client },
      ],
    });
  });

  it('says when no server could take the request', () => {
    const down = run({ servers: [{ name: 's1', down: true }], requests: [{ at: 0, client: '203.0.113.10' }] })[0]!;
    expect(down.outcome).toBe('unavailable');
    const lb = down.hops.findIndex((h) => h.node === 'lb1');
    expect(natStory(down, lb, scenario)).toEqual({ kind: 'noServer' });
  });
});

describe('visibleRows', () => {
  const row = (id: number): ConntrackRow => ({
    id,
    balancer: 'lb1',
    server: 's1',
    entry: { client: 'c', vip: 'v', local: 'l', server: 's', openedAt: id, closedAt: null },
  });
  const nat = Array.from({ length: 20 }, (_, i) => row(i + 1));

  it('keeps short tables whole and caps long ones', () => {
    expect(visibleRows(nat.slice(0, 5), null)).toHaveLength(5);
    expect(visibleRows(nat, null).map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('always shows the selected flow', () => {
    expect(visibleRows(nat, 18).map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 18]);
    expect(visibleRows(nat, 3)).toHaveLength(12);
  });
});
