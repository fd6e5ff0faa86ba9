import { describe, expect, it, vi } from 'vitest';
import classroom from '../scenarios/classroom.json';
import ipHashRemap from '../scenarios/ip-hash-remap.json';
import l7Routing from '../scenarios/l7-routing.json';
import leastConnUneven from '../scenarios/least-connections-uneven.json';
import { masterDownMs } from '../sim/balancer.ts';
import { macOf } from '../sim/forwarding.ts';
import { simulate, simulateRun } from '../sim/engine.ts';
import { parseScenario, type Scenario, type ScenarioInput } from '../sim/scenario.ts';
import type { ClockHost } from '../store/clock.ts';
import { createLabStore, type LabStore } from '../store/labStore.ts';
import { orphan } from './content/failover.ts';
import { ipHashIpvs, markedDown, NEIGHBOUR, rehashed } from './content/ipHash.ts';
import { lcRows, withRoundRobin } from './content/leastConnections.ts';
import { evenPick, reliefShare } from './content/overload.ts';
import { sentTo } from './content/serverFailure.ts';
import { wrongParticles } from '../i18n/particle.ts';
import { LESSONS, lessonById } from './index.ts';
import { eventAt, healthAt, hopOf, rec, vrrpAt } from './moments.ts';
import { applyStep, moveStep, runView } from './run.ts';
import { LESSON_TARGETS, type Lesson } from './types.ts';
import { natFocus } from '../components/inspector/natFocus.ts';

const still: ClockHost = { now: () => 0, requestFrame: () => 1, cancelFrame: () => {} };
const newStore = () => createLabStore({ lang: 'en', scenario: classroom as ScenarioInput, host: still });

/** Opens step `k` of `lesson` on a fresh store (steps before it first, as a student would). */
async function at(lesson: Lesson, k: number): Promise<LabStore> {
  const store = newStore();
  for (let i = 0; i <= k; i++) expect(await applyStep(store, lesson, i)).toBeNull();
  return store;
}

describe('every lesson', () => {
  it('covers every section of the notes, with unique, well-formed ids', async () => {
    expect(new Set(LESSONS.map((l) => l.section))).toEqual(new Set(['scaling', 'vip-dns', 'nat', 'layers', 'algorithms', 'failover']));
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) expect(l.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(LESSONS.map((l) => l.id)).toEqual(
      expect.arrayContaining(['round-robin', 'weighted-round-robin', 'ip-hash', 'least-connections', 'failover']),
    );
  });

  it("keeps each section's lessons together, so the list numbers them 1 to 10 in order", async () => {
    const sections = LESSONS.map((l) => l.section);
    const runs = sections.filter((x, i) => i === 0 || x !== sections[i - 1]);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('says every step in both languages', async () => {
    for (const l of LESSONS) {
      for (const text of [l.title, l.summary, ...l.steps.flatMap((s) => [s.title, s.body, ...(s.quiz ? [s.quiz.question] : [])])]) {
        expect(text.en.trim().length, `${l.id}: ${text.en}`).toBeGreaterThan(0);
        expect(text.ko.trim().length, `${l.id}: ${text.en}`).toBeGreaterThan(0);
        expect(text.ko, `${l.id}: not translated`).not.toBe(text.en);
        expect(text.ko, `${l.id}: Korean text`).toMatch(/[가-힣]/);
      }
    }
  });

  for (const lesson of LESSONS) {
    it(`${lesson.id}: every step opens at a moment inside its run, pointing at real parts, with sound questions`, async () => {
      const store = newStore();
      for (const [k, step] of lesson.steps.entries()) {
        expect(await applyStep(store, lesson, k)).toBeNull();
        const s = store.getState();
        expect(s.lesson).toEqual({ id: lesson.id, step: k });
        expect(s.playing).toBe(false);
        const moment = step.at(runView(store));
        expect(s.clock.time).toBe(Math.min(moment, s.trace.end));
        expect(moment).toBeGreaterThanOrEqual(0);
        expect(moment).toBeLessThanOrEqual(s.trace.end);
        for (const h of step.highlight) expect(LESSON_TARGETS).toContain(h);
        if (s.selected !== null) expect(s.trace.records.some((r) => r.id === s.selected)).toBe(true);
        if (step.quiz) {
          const q = step.quiz.ask(runView(store));
          expect(q.choices.length).toBeGreaterThanOrEqual(2);
          expect(new Set(q.choices.map((c) => JSON.stringify(c))).size).toBe(q.choices.length);
          expect(q.answer).toBeGreaterThanOrEqual(0);
          expect(q.answer).toBeLessThan(q.choices.length);
          expect(q.revealAt).toBeGreaterThanOrEqual(moment);
          expect(q.why.en.length * q.why.ko.length).toBeGreaterThan(0);
          // The Korean read from the run: particles that fit the numbers and names, seconds as 초.
          for (const ko of [q.why.ko, ...q.choices.map((c) => (typeof c === 'string' ? c : c.ko))]) {
            expect(wrongParticles(ko), ko).toEqual([]);
            expect(ko, ko).not.toMatch(/(?<![\w.])\d+(\.\d+)? ?s\b/);
          }
        }
      }
    });
  }

  it('moves with PageDown/PageUp semantics and stops at either end', async () => {
    const store = newStore();
    const lesson = LESSONS[0]!;
    expect(moveStep(store, 1, LESSONS)).toBe(false);
    await applyStep(store, lesson, 0);
    expect(moveStep(store, -1, LESSONS)).toBe(false);
    expect(moveStep(store, 1, LESSONS)).toBe(true);
    await vi.waitFor(() => expect(store.getState().lesson).toEqual({ id: lesson.id, step: 1 }));
  });

  it('a step that outlines the NAT card opens with the card on its own request, the response step on the response', async () => {
    let seen = 0;
    for (const lesson of LESSONS) {
      const store = newStore();
      for (const [k, step] of lesson.steps.entries()) {
        expect(await applyStep(store, lesson, k)).toBeNull();
        if (!step.highlight.includes('nat')) continue;
        const s = store.getState();
        const selected = s.trace.records.find((r) => r.id === s.selected) ?? null;
        const focus = natFocus(s.trace, selected, s.clock.time);
        expect(focus, `${lesson.id} step ${k + 1}`).not.toBeNull();
        if (selected) expect(focus!.record.id, `${lesson.id} step ${k + 1}`).toBe(selected.id);
        if (/response/i.test(step.title.en)) expect(focus!.record.hops[focus!.hop]!.dir).toBe('response');
        seen++;
      }
    }
    expect(seen).toBeGreaterThanOrEqual(2);
  });

  it('going back restores the scenario the earlier step used', async () => {
    const lesson = lessonById('round-robin')!;
    const store = await at(lesson, 2);
    expect(store.getState().scenario.sessions).not.toBeNull();
    await applyStep(store, lesson, 1);
    expect(store.getState().scenario.sessions).toBeNull();
  });
});

/** What the lessons say happens does happen: their quizzes' answers are the engine's. */
describe('the lessons tell the truth', () => {
  const quizAnswer = async (id: string, k: number) => {
    const store = await at(lessonById(id)!, k);
    const q = lessonById(id)!.steps[k]!.quiz!.ask(runView(store));
    const c = q.choices[q.answer]!;
    return { answer: typeof c === 'string' ? c : c.en, store };
  };

  it('round robin: #4 goes back to s1; a login is lost on the next server', async () => {
    expect((await quizAnswer('round-robin', 1)).answer).toBe('s1');
    const store = await at(lessonById('round-robin')!, 2);
    expect(rec(runView(store), 1).session).toBe('created');
    expect(rec(runView(store), 2)).toMatchObject({ session: 'lost', status: 401 });
  });

  const stepOf = (id: string, title: string) => {
    const k = lessonById(id)!.steps.findIndex((s) => s.title.en === title);
    if (k < 0) throw new Error(`${id} has no step "${title}"`);
    return k;
  };
  const order = (store: LabStore) => store.getState().trace.records.map((r) => r.server);

  // IPVS's wrr (net/netfilter/ipvs/ip_vs_wrr.c, ip_vs_wrr_schedule: cw from mw down by the gcd, each
  // walk of the list taking every dest with weight >= cw) against nginx's smooth WRR
  // (ngx_http_upstream_round_robin.c, ngx_http_upstream_get_peer).
  it('weighted round robin 5,1,1: IPVS (L4) gives s1 five in a row, nginx (L7) spreads s2 and s3 in between', async () => {
    const sixth = await quizAnswer('weighted-round-robin', stepOf('weighted-round-robin', 'Predict the sixth pick (L4)'));
    expect(sixth.answer).toBe('s2');
    expect(sixth.store.getState().scenario.mode).toBe('L4');
    expect(order(sixth.store)).toEqual(['s1', 's1', 's1', 's1', 's1', 's2', 's3']);
    expect(rec(runView(sixth.store), 6).ipvs).toMatchObject({ scheduler: 'wrr', cwBefore: 1 });
    const second = await quizAnswer('weighted-round-robin', stepOf('weighted-round-robin', 'Predict the next pick (L7)'));
    expect(second.answer).toBe('s1');
    expect(second.store.getState().scenario.mode).toBe('L7');
    expect(order(second.store)).toEqual(['s1', 's1', 's2', 's1', 's3', 's1', 's1']);
    expect((await quizAnswer('weighted-round-robin', stepOf('weighted-round-robin', 'And the third (L7)'))).answer).toBe('s2');
    const store = await at(lessonById('weighted-round-robin')!, lessonById('weighted-round-robin')!.steps.length - 1);
    const counts = store
      .getState()
      .trace.records.reduce<Record<string, number>>((m, r) => ({ ...m, [r.server!]: (m[r.server!] ?? 0) + 1 }), {});
    expect(counts).toEqual({ s1: 5, s2: 1, s3: 1 });
  });

  it("a quiz's answer names the system that picked: IPVS's scheduler in L4, nginx in L7", async () => {
    const l4 = await at(lessonById('round-robin')!, 1);
    expect(lessonById('round-robin')!.steps[1]!.quiz!.ask(runView(l4)).why.en).toMatch(/^IPVS's rr \(round robin\) picked s1/);
    const l7 = await at(lessonById('weighted-round-robin')!, stepOf('weighted-round-robin', 'And the third (L7)'));
    const k = stepOf('weighted-round-robin', 'And the third (L7)');
    expect(lessonById('weighted-round-robin')!.steps[k]!.quiz!.ask(runView(l7)).why.en).toMatch(/^nginx's weighted round robin picked s2/);
  });

  // nginx's ip_hash (ngx_http_upstream_ip_hash_module.c: the first three octets) against IPVS's sh
  // (net/netfilter/ipvs/ip_vs_sh.c, ip_vs_sh_hashkey: hash_32 of the whole address, 256 buckets).
  it('IP hash: nginx puts a /24 neighbour on the same server, IPVS only by chance; removing a server moves clients whose server stayed', async () => {
    const { answer, store } = await quizAnswer('ip-hash', 1);
    expect(store.getState().scenario.mode).toBe('L7');
    expect(answer).toBe(rec(runView(store), 1).server);
    expect(rec(runView(store), 5).server).toBe(rec(runView(store), 1).server);
    // Two different addresses, one /24: not one office behind NAT, which would be one address.
    const [a, b] = [rec(runView(store), 1).client, rec(runView(store), 4).client];
    expect(a).not.toBe(b);
    expect(a.split('.').slice(0, 3)).toEqual(b.split('.').slice(0, 3));
    expect([a, b]).toEqual(['203.0.113.10', '203.0.113.77']);

    const k = stepOf('ip-hash', 'In L4: IPVS hashes the whole address');
    const sh = await quizAnswer('ip-hash', k);
    const run = runView(sh.store);
    expect(run.scenario.mode).toBe('L4');
    expect(rec(run, 4).client).toBe(NEIGHBOUR);
    expect(NEIGHBOUR.split('.').slice(0, 3)).toEqual(a.split('.').slice(0, 3));
    // What the question says: #1 went to s1; and the answer is another server, from another bucket.
    expect(rec(run, 1).server).toBe('s1');
    expect(sh.answer).not.toBe('s1');
    expect(rec(run, 4).ipvs).toMatchObject({ scheduler: 'sh', chosen: sh.answer });
    const bucket = (id: number) => {
      const d = rec(run, id).ipvs;
      return d?.scheduler === 'sh' ? d.bucket : null;
    };
    expect(bucket(1)).not.toBeNull();
    expect(bucket(4)).not.toBe(bucket(1));
    // What its why says nginx would have done: #4 with #1, on s1.
    const nginx = simulate(engine({ ...ipHashIpvs, mode: 'L7' }));
    expect([nginx[0]!.server, nginx[3]!.server]).toEqual(['s1', 's1']);

    const moved = await at(lessonById('ip-hash')!, stepOf('ip-hash', 'Who moved'));
    expect(moved.getState().scenario.mode).toBe('L7');
    const sel = moved.getState().selected!;
    const first = rec(runView(moved), sel - 6);
    expect(first.client).toBe(rec(runView(moved), sel).client);
    expect(first.server).not.toBe(rec(runView(moved), sel).server);
    expect(first.server).not.toBe('s3');
  });

  it('least connections sends #4 to the idle server, away from the two long jobs', async () => {
    const { answer, store } = await quizAnswer('least-connections', 1);
    const busy = [rec(runView(store), 1).server, rec(runView(store), 2).server];
    expect(busy).not.toContain(answer);
  });

  it('server failure: lb1 needs "fall" failed probes (3) to mark s2 down', async () => {
    expect((await quizAnswer('server-failure', 2)).answer).toBe('3');
  });

  it('failover: lb2 takes over within the master-down interval (≈3.6 s) after lb1 dies', async () => {
    const { answer } = await quizAnswer('failover', 1);
    const s = parseFloat(answer!);
    expect(s).toBeGreaterThan(2.6 - 1e-9);
    expect(s).toBeLessThanOrEqual(3.7);
  });

  it('NAT: the request goes to the chosen server, the answer back to the client', async () => {
    const req = await quizAnswer('nat', 1);
    const r = rec(runView(req.store), 1);
    expect(req.answer).toBe(r.nat!.server);
    expect((await quizAnswer('nat', 3)).answer).toBe(r.nat!.client);
    expect((await quizAnswer('vip-dns', 1)).answer).toBe('198.51.100.1:80');
  });

  it('L7 routes /map to s2 by rule', async () => {
    const routing = lessonById('l4-l7')!.steps.findIndex((s) => s.title.en === 'Routing by URL');
    expect((await quizAnswer('l4-l7', routing)).answer).toBe('s2');
  });

  it('scale-out answers more than scale-up when one machine fails', async () => {
    expect((await quizAnswer('scale-up-out', 2)).answer).toBe('Four small servers (scale-out)');
  });

  const engine = (input: unknown): Scenario => {
    const p = parseScenario(input);
    if (!p.ok) throw new Error(p.error);
    return p.scenario;
  };
  it('IP hash: a server marked down keeps every other client on its server; only its own clients are hashed again', async () => {
    const remap = ipHashRemap as ScenarioInput;
    const six = remap.requests!.slice(0, remap.requests!.length / 2);
    const serverOf = (servers: ScenarioInput['servers']) => {
      const recs = simulate(engine({ ...remap, servers, requests: six, events: [] }));
      return Object.fromEntries(recs.map((r) => [r.client, r.server]));
    };
    const all = serverOf(remap.servers);
    const removed = serverOf(remap.servers!.filter((s) => s.name !== 's3'));
    const down = serverOf(markedDown.servers);
    // What the quiz's question says.
    expect([all['192.168.0.1'], removed['192.168.0.1']]).toEqual(['s1', 's2']);
    const onS3 = Object.keys(all).filter((c) => all[c] === 's3');
    expect(onS3.length).toBeGreaterThan(0);
    for (const c of Object.keys(all)) {
      if (all[c] === 's3') expect(down[c]).not.toBe('s3');
      else expect(down[c], c).toBe(all[c]);
    }
    // Removing s3 instead moves some clients whose server stayed.
    expect(Object.keys(all).some((c) => all[c] !== 's3' && removed[c] !== all[c])).toBe(true);
    // The lesson's steps read the same from the run.
    const k = stepOf('ip-hash', 'Mark it down instead');
    const { answer, store } = await quizAnswer('ip-hash', k);
    expect(answer).toBe('s1');
    expect(onS3).toContain(rehashed(runView(store)).client);
    expect(rehashed(runView(store)).decision!.ipHash![0]).toMatchObject({ peer: 's3', rejected: 'down' });
  });

  it('least connections: with one worker per server, round robin makes #4 wait behind a report; least_conn does not', async () => {
    const scenario = engine(leastConnUneven);
    expect(scenario.servers.every((s) => s.concurrency === 1)).toBe(true);
    const lc = simulate(scenario),
      rr = simulate({ ...scenario, algorithm: 'round-robin' });
    expect(rr[3]!.server).toBe(rr[0]!.server);
    expect(rr[3]!.latencyMs).toBeGreaterThan(4000);
    expect([lc[0]!.server, lc[1]!.server]).not.toContain(lc[3]!.server);
    expect(lc[3]!.latencyMs).toBeLessThan(100);
    const { store } = await quizAnswer('least-connections', 1);
    expect(withRoundRobin(runView(store), 4)).toMatchObject({ server: rr[3]!.server, latencyMs: rr[3]!.latencyMs });
  });

  it("NAT: full NAT, the source becomes the VIP and L4 keeps the client's port when nothing clashes", async () => {
    const store = await at(lessonById('nat')!, 1);
    const run = runView(store);
    expect(run.scenario.mode).toBe('L4');
    expect(run.scenario.network.natSource).toBe('vip');
    const h = hopOf(run, 1, (x) => x.node === 'lb1' && x.dir === 'request' && x.out !== null, 'leaving lb1');
    expect(h.out!.src.split(':')[0]).toBe(run.scenario.network.vip);
    expect(h.out!.src.split(':')[1]).toBe(h.in!.src.split(':')[1]);
  });

  it("server failure: nginx (L7) retries, its passive check sets s2 aside, HAProxy's checks mark it down", async () => {
    const store = await at(lessonById('server-failure')!, 1);
    const run = runView(store);
    expect(run.scenario.mode).toBe('L7');
    const refused = rec(run, store.getState().selected!);
    expect(refused).toMatchObject({ outcome: 'ok', status: 200 });
    expect(refused.server).not.toBe('s2');
    expect(run.scenario.passive).toEqual({ maxFails: 1, failTimeoutMs: 10_000 });
    // Only the refused request reached s2 before the health checks took it out: nginx skipped it.
    expect(sentTo(run, 's2', eventAt(run, 'fail', 's2'), healthAt(run, 'lb1', 's2', 'down'))).toEqual([refused.id]);
  });

  it('no server left: nginx answers 502 (504 after a timeout); an L4 balancer resets the connection', async () => {
    const one = (mode: 'L4' | 'L7', extra: object) =>
      simulate(engine({ mode, requests: [{ at: 100, client: '203.0.113.10' }], ...extra }))[0]!;
    const down = { servers: [{ name: 's1', down: true }] };
    const hangs = {
      servers: [{ name: 's1', onFailure: 'timeout' }],
      timeouts: { connectMs: 1000, readMs: 1000, clientMs: 10_000 },
      events: [{ at: 0, action: 'fail', target: 's1' }],
    };
    expect(one('L7', down).status).toBe(502);
    expect(one('L7', hangs).status).toBe(504);
    expect(one('L4', down).status).toBeNull();
    expect(one('L4', down).hops.at(-1)).toMatchObject({ node: 'client', drop: 'reset' });
    // In L4 a refused connection is not retried: the server's RST reaches the client.
    const refuses = { servers: [{ name: 's1' }, { name: 's2' }], events: [{ at: 0, action: 'fail', target: 's1' }] };
    expect(one('L4', refuses)).toMatchObject({ outcome: 'reset', status: null, server: 's1' });
    expect(one('L7', refuses)).toMatchObject({ outcome: 'ok', status: 200, server: 's2' });
  });

  it("HAProxy's checks: a server that never passed a probe goes down at its first failure", async () => {
    const run = simulateRun(
      engine({
        mode: 'L7',
        servers: [{ name: 's1' }, { name: 's2' }],
        healthCheck: { intervalMs: 2000, fall: 3, rise: 2 },
        events: [{ at: 0, action: 'fail', target: 's2' }],
        requests: [{ at: 0, client: '203.0.113.10' }],
      }),
    );
    const first = run.probes.find((p) => p.balancer === 'lb1' && p.server === 's2')!;
    expect(first.ok).toBe(false);
    expect(run.health.find((h) => h.balancer === 'lb1' && h.server === 's2')).toMatchObject({
      state: 'down',
      at: first.doneAt,
    });
  });

  it('L7 blocking: limit_req answers 503 unless told otherwise', async () => {
    expect(engine(l7Routing).block!.perClient!.status).toBe(503);
    const flood = simulate(
      engine({
        mode: 'L7',
        block: { perClient: { requests: 2, perMs: 1000 } },
        servers: [{ name: 's1' }],
        requests: [0, 10, 20].map((t) => ({ at: t, client: '203.0.113.10' })),
      }),
    );
    expect(flood.filter((r) => r.outcome === 'blocked').map((r) => r.status)).toEqual([503, 503]);
  });

  it('failover: lost connections hear nothing; the restored lb1 takes the VIP back when its own master-down timer runs out (≈3.4 s)', async () => {
    const store = await at(lessonById('failover')!, 3);
    const run = runView(store);
    const lost = orphan(run);
    expect(lost.outcome).toBe('timeout');
    expect(lost.status).toBeNull();
    const restored = eventAt(run, 'restore', 'lb1');
    const back = vrrpAt(run, 'lb1', 'master', restored) - restored;
    expect(back).toBeCloseTo(masterDownMs(run.scenario.balancers, run.scenario.balancers.priorities[0]), 0);
    expect(back / 1000).toBeCloseTo(3.4, 1);
  });

  // IPVS's forwarding methods, net/netfilter/ipvs/ip_vs_xmit.c: ip_vs_nat_xmit (only the
  // destination rewritten), ip_vs_dr_xmit (the frame sent to the server's MAC, the IP header
  // untouched) and ip_vs_tunnel_xmit (an outer IP header, balancer → server); in dr and tun the
  // server holds the VIP and answers the client itself.
  it('the layers lesson: LVS-NAT shows the client to the server and answers through lb1; direct routing (L2) rewrites only the MAC and answers past lb1; a tunnel (L3) wraps it', async () => {
    const nat = await quizAnswer('l4-l7', stepOf('l4-l7', 'LVS-NAT: only the destination is rewritten'));
    const natRun = runView(nat.store);
    expect(natRun.scenario.forwarding).toBe('nat');
    expect(nat.answer).toBe(rec(natRun, 1).nat!.client);
    expect(nat.answer.split(':')[0]).toBe(rec(natRun, 1).client);
    const back = hopOf(natRun, 1, (h) => h.node === 'lb1' && h.dir === 'response' && h.out !== null, 'answered through lb1');
    expect(back.out!.src).toBe(`${natRun.scenario.network.vip}:${natRun.scenario.network.vipPort}`);

    const dr = await quizAnswer('l4-l7', stepOf('l4-l7', 'L2: direct routing'));
    const drRun = runView(dr.store);
    expect(drRun.scenario.forwarding).toBe('dr');
    expect(dr.answer).toBe("Only the destination MAC, to the server's");
    const out = hopOf(drRun, 1, (h) => h.node === 'lb1' && h.dir === 'request' && h.out !== null, 'leaving lb1');
    expect([out.out!.src, out.out!.dst]).toEqual([out.in!.src, out.in!.dst]);
    expect(out.out!.mac!.dst).toBe(macOf(drRun.scenario.servers.find((x) => x.name === rec(drRun, 1).server)!.ip));
    const path = await quizAnswer('l4-l7', stepOf('l4-l7', 'Direct routing: who answers?'));
    expect(path.answer).toBe('Straight to the client, from the VIP');
    expect(rec(runView(path.store), 1).hops.filter((h) => h.node === 'lb1' && h.dir === 'response')).toEqual([]);

    const tun = await quizAnswer('l4-l7', stepOf('l4-l7', 'L3: an IP tunnel'));
    const tunRun = runView(tun.store);
    expect(tunRun.scenario.forwarding).toBe('tun');
    expect(tun.answer).toBe(`${tunRun.scenario.network.vip}:${tunRun.scenario.network.vipPort}`);
    const wrapped = hopOf(tunRun, 1, (h) => h.node === 'lb1' && h.dir === 'request' && h.out !== null, 'leaving lb1');
    expect(wrapped.out!.outer).toEqual({ src: tunRun.scenario.network.balancerIps[0], dst: '10.0.0.11' });
  });

  // IPVS's lc (net/netfilter/ipvs/ip_vs_lc.c, ip_vs_lc_schedule; ip_vs_dest_conn_overhead,
  // include/net/ip_vs.h: active << 8 + inactive), a closed connection inactive in TIME_WAIT for
  // 2 min (ip_vs_proto_tcp.c, tcp_timeouts[IP_VS_TCP_S_TIME_WAIT]).
  it("least connections: IPVS's lc counts s3's closed connections as inactive, 1 each against 256 for an active one; nginx picks the same here", async () => {
    const k = stepOf('least-connections', 'What IPVS counts');
    const { answer, store } = await quizAnswer('least-connections', k);
    const rows = lcRows(runView(store), 5);
    expect(rows.map((r) => [r.id, r.active, r.inactive, r.overhead])).toEqual([
      ['s1', 1, 0, 256],
      ['s2', 1, 0, 256],
      ['s3', 0, 2, 2],
    ]);
    expect(answer).toBe('2');
    const lc = store.getState().trace.records.map((r) => r.server);
    const nginx = await at(lessonById('least-connections')!, stepOf('least-connections', 'nginx (L7): weights, and ties'));
    expect(nginx.getState().scenario.mode).toBe('L7');
    expect(nginx.getState().trace.records.map((r) => r.server)).toEqual(lc);
  });

  // The overload lesson's relief, with IPVS's lc (ip_vs_lc.c; TIME_WAIT 2 min, ip_vs_proto_tcp.c).
  it('overload: after the switch lc still gives s1 about one new connection in ten, since s2 closed more; a third server ends the drops', async () => {
    const k = stepOf('scale-up-out', 'Relief: least connections');
    const { answer, store } = await quizAnswer('scale-up-out', k);
    const run = runView(store);
    const even = evenPick(run);
    expect(answer).toBe('s1');
    expect(store.getState().selected).toBe(even.id);
    const [s1, s2] = ['s1', 's2'].map((n) => lcRows(run, even.id).find((r) => r.id === n)!);
    expect(s1!.active).toBe(s2!.active);
    expect(s2!.inactive).toBeGreaterThan(s1!.inactive);
    const share = reliefShare(run);
    expect(share.s1 / share.all).toBeGreaterThan(0.05);
    expect(share.s1 / share.all).toBeLessThan(0.2);
    // "some of their SYNs still met its full queue"; "no SYN is dropped after 12 s".
    const drops = run.trace.records.flatMap((r) => r.hops.filter((h) => h.drop === 'overflow'));
    const switched = eventAt(run, 'set-algorithm');
    expect(drops.some((h) => h.node === 's1' && h.at >= switched && h.at < eventAt(run, 'add-server'))).toBe(true);
    expect(drops.filter((h) => h.at >= eventAt(run, 'add-server') + 2000)).toEqual([]);
  });

  // keepalived's persistence_timeout: IPVS's templates (net/netfilter/ipvs/ip_vs_core.c, ip_vs_sched_persist).
  it("sessions: with keepalived's persistence the login's next requests stay on its server; without, #2 is lost", async () => {
    const k = stepOf('round-robin', "L4's answer: persistence");
    const { answer, store } = await quizAnswer('round-robin', k);
    const run = runView(store);
    expect(run.scenario.persistenceTimeoutMs).toBe(300_000);
    expect(answer).toBe(rec(run, 1).server);
    for (const id of [2, 3, 4])
      expect(rec(run, id)).toMatchObject({ server: rec(run, 1).server, persistent: true, session: 'found', ipvs: null });
    const without = await at(lessonById('round-robin')!, k - 1);
    expect(rec(runView(without), 2)).toMatchObject({ session: 'lost', status: 401 });
  });
});
