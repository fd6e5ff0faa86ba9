import { describe, expect, it, vi } from 'vitest';
import classroom from '../scenarios/classroom.json';
import ipHashRemap from '../scenarios/ip-hash-remap.json';
import l7Routing from '../scenarios/l7-routing.json';
import leastConnUneven from '../scenarios/least-connections-uneven.json';
import { masterDownMs } from '../sim/balancer.ts';
import { simulate, simulateRun } from '../sim/engine.ts';
import { parseScenario, type Scenario, type ScenarioInput } from '../sim/scenario.ts';
import type { ClockHost } from '../store/clock.ts';
import { createLabStore, type LabStore } from '../store/labStore.ts';
import { orphan } from './content/failover.ts';
import { markedDown, rehashed } from './content/ipHash.ts';
import { withRoundRobin } from './content/leastConnections.ts';
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

  it('weighted round robin 5,1,1: s1, then s1 again, then s2', async () => {
    expect((await quizAnswer('weighted-round-robin', 2)).answer).toBe('s1');
    expect((await quizAnswer('weighted-round-robin', 3)).answer).toBe('s2');
    const store = await at(lessonById('weighted-round-robin')!, 4);
    const counts = store
      .getState()
      .trace.records.reduce<Record<string, number>>((m, r) => ({ ...m, [r.server!]: (m[r.server!] ?? 0) + 1 }), {});
    expect(counts).toEqual({ s1: 5, s2: 1, s3: 1 });
  });

  it('IP hash: a different address in the same /24 shares the server; removing a server moves clients whose server stayed', async () => {
    const { answer, store } = await quizAnswer('ip-hash', 1);
    expect(answer).toBe(rec(runView(store), 1).server);
    expect(rec(runView(store), 5).server).toBe(rec(runView(store), 1).server);
    // Two different addresses, one /24: not one office behind NAT, which would be one address.
    const [a, b] = [rec(runView(store), 1).client, rec(runView(store), 4).client];
    expect(a).not.toBe(b);
    expect(a.split('.').slice(0, 3)).toEqual(b.split('.').slice(0, 3));
    expect([a, b]).toEqual(['203.0.113.10', '203.0.113.77']);
    const moved = await at(lessonById('ip-hash')!, 3);
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
  const stepOf = (id: string, title: string) => lessonById(id)!.steps.findIndex((s) => s.title.en === title);

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
});
