import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/sim/engine.ts';
import { parseScenario, type Scenario } from '../../src/sim/scenario.ts';
import { differences, knownDifferences, sortDifferences } from './compare.ts';
import type { RealRecord } from './realLab.ts';

/** compare's verdict without a lab: the engine's records against edited copies of themselves. */

function scenario(input: unknown): Scenario {
  const p = parseScenario(input);
  if (!p.ok) throw new Error(p.problem.en);
  return p.scenario;
}
const example = (name: string): Scenario => scenario(JSON.parse(readFileSync(`src/scenarios/${name}`, 'utf8')));
const asReal = (s: Scenario): RealRecord[] =>
  simulateRun(s).records.map((r) => ({ ...r, latencyMs: 0, picked: 'nftables', hops: r.hops.map((h) => ({ ...h })) }));

describe('compare: a known difference excuses only the field it explains', () => {
  // weighted-round-robin.json with 3,2,1: nftables' numgen runs differ from IPVS's wrr order.
  const s = scenario({
    ...JSON.parse(readFileSync('src/scenarios/weighted-round-robin.json', 'utf8')),
    servers: [
      { name: 's1', weight: 3 },
      { name: 's2', weight: 2 },
      { name: 's3', weight: 1 },
    ],
  });
  const engine = simulateRun(s).records;

  it('another server under nftables wrr is known; the exit status stays 0', () => {
    const real = asReal(s);
    real[1] = { ...real[1]!, server: real[1]!.server === 's1' ? 's2' : 's1' };
    const { known, unknown } = sortDifferences(differences(s, engine, real), knownDifferences(s, engine));
    expect(unknown).toEqual([]);
    expect([...known.keys()].join()).toMatch(/numgen/);
  });

  it('a wrong outcome or status under nftables wrr is not: compare exits 1', () => {
    const real = asReal(s);
    real[2] = { ...real[2]!, outcome: 'reset', status: null, server: null };
    const { unknown } = sortDifferences(differences(s, engine, real), knownDifferences(s, engine));
    expect(unknown.map((d) => d.field).sort()).toEqual(['outcome', 'status']);
    expect(unknown.every((d) => d.id === engine[2]!.id)).toBe(true);
  });

  it('round robin has nothing on the list: another server is a difference', () => {
    const rr = example('round-robin-turns.json');
    const real = asReal(rr);
    real[0] = { ...real[0]!, server: 'nobody' };
    expect(knownDifferences(rr, simulateRun(rr).records)).toEqual([]);
    expect(sortDifferences(differences(rr, simulateRun(rr).records, real), []).unknown.map((d) => d.field)).toContain('server');
  });

  it("a failover: only requests alive between the engine's takeover and keepalived's may meet the other balancer", () => {
    const f = example('failover.json');
    const records = simulateRun(f).records;
    const engineAt = 10_609.4;
    const excuses = knownDifferences(f, records, [
      { engine: { balancer: 'lb2', at: engineAt }, real: { balancer: 'lb2', at: engineAt + 600 } },
    ]);
    const moments = excuses.filter((x) => /became master/.test(x.why));
    expect(moments).toHaveLength(1);
    const ids = moments[0]!.ids!;
    const inside = records.find((r) => r.at > engineAt && r.at < engineAt + 600)!;
    const before = records.find((r) => r.doneAt < engineAt - 100 && r.at > 5000)!;
    expect(ids.has(inside.id)).toBe(true);
    expect(ids.has(before.id)).toBe(false);
    const real = asReal(f);
    for (const r of [inside, before]) real[r.id - 1] = { ...real[r.id - 1]!, balancer: 'lb1', outcome: 'timeout', status: null };
    const { unknown } = sortDifferences(differences(f, records, real), excuses);
    expect(new Set(unknown.map((d) => d.id))).toEqual(new Set([before.id]));
  });

  it("hops are those of the attempt that got through: the engine's lost SYNs before a takeover are not a difference", () => {
    const f = example('failover.json');
    const records = simulateRun(f).records;
    const retried = records.find((r) => r.outcome === 'ok' && r.hops.filter((h) => h.node === 'client' && h.dir === 'request').length > 1)!;
    expect(retried).toBeDefined();
    const real = asReal(f);
    const last = retried.hops.findLastIndex((h) => h.node === 'client' && h.dir === 'request');
    real[retried.id - 1] = { ...real[retried.id - 1]!, hops: retried.hops.slice(last) };
    expect(differences(f, records, real)).toEqual([]);
  });

  it("server-failure.json: nginx's passive checks excuse which server from fail_timeout after the failure on, never an outcome or a request before", () => {
    const f = example('server-failure.json');
    const records = simulateRun(f).records;
    const real = asReal(f);
    // 5 s failure + 10 s fail_timeout: a request at 16 s may go elsewhere, one at 6 s may not.
    const late = records.find((r) => r.at > 16_000 && r.server !== null)!;
    const early = records.find((r) => r.at > 6_000 && r.server !== null)!;
    for (const r of [late, early]) real[r.id - 1] = { ...real[r.id - 1]!, server: r.server === 's1' ? 's3' : 's1' };
    real[late.id] = { ...real[late.id]!, outcome: 'timeout', status: null };
    const { unknown, known } = sortDifferences(differences(f, records, real), knownDifferences(f, records));
    expect([...known.keys()].join()).toMatch(/passive checks/);
    expect(unknown.filter((d) => d.field === 'server').map((d) => d.id)).toEqual([early.id]);
    expect(unknown.filter((d) => d.field === 'outcome').map((d) => d.id)).toEqual([late.id + 1]);
  });

  it("overload.json: a port the engine's own full NAT changed is excused in the hops, not in the server, and only there", () => {
    const f = example('overload.json');
    const records = simulateRun(f).records;
    const port = (src: string | undefined) => src?.split(':')[1];
    const renamed = records.find((r) => r.hops[1]?.out && port(r.hops[1].out.src) !== port(r.hops[0]!.out!.src))!;
    const kept = records.find((r) => r.outcome === 'ok' && port(r.hops[1]?.out?.src) === port(r.hops[0]!.out!.src))!;
    const excuses = knownDifferences(f, records);
    const real = asReal(f);
    // What the server saw, from another port.
    for (const r of [renamed, kept]) {
      const hops = r.hops.map((h) => ({ ...h }));
      hops[2] = { ...hops[2]!, in: { ...hops[2]!.in!, src: `${f.network.vip}:1` } };
      real[r.id - 1] = { ...real[r.id - 1]!, hops };
    }
    expect(new Set(sortDifferences(differences(f, records, real), excuses).unknown.map((d) => `${d.id} ${d.field}`))).toEqual(
      new Set([`${kept.id} hops`]),
    );
    real[renamed.id - 1] = { ...real[renamed.id - 1]!, server: 'nobody' };
    expect(sortDifferences(differences(f, records, real), excuses).unknown.map((d) => `${d.id} ${d.field}`)).toContain(
      `${renamed.id} server`,
    );
  });
});
