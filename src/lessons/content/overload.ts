import overload from '../../scenarios/overload.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import type { Hop, RequestRecord } from '../../sim/types.ts';
import { atBalancer, before, eventAt } from '../moments.ts';
import { isBalancer } from '../../sim/nodes.ts';
import type { OverheadRow } from '../../sim/algorithms/ipvs/lc.ts';
import type { LessonStep, RunView } from '../types.ts';

/** The first SYN a full accept queue dropped in the run, and its request. */
export function firstOverflow(run: RunView): { r: RequestRecord; drop: Hop } {
  let found: { r: RequestRecord; drop: Hop } | null = null;
  // Records come in the order requests started: a later request may be the first dropped.
  for (const r of run.trace.records)
    for (const h of r.hops) if (h.drop === 'overflow' && (!found || h.at < found.drop.at)) found = { r, drop: h };
  if (!found) throw new Error('the run has no SYN dropped by a full queue');
  return found;
}

const s = (ms: number) => (ms / 1000).toFixed(1);

/** When request `r` was scheduled: its balancer hop (the request time is when the client began). */
const pickedAt = (r: RequestRecord) => r.hops.find((h) => isBalancer(h.node) && h.dir === 'request' && h.in !== null)?.at ?? r.at;

function lcRowsOf(r: RequestRecord): readonly OverheadRow[] {
  return r.ipvs?.scheduler === 'lc' ? r.ipvs.rows : [];
}

/** While least connections runs alone (from the switch to the added server): who got the new connections. */
export function reliefShare(run: RunView): { s1: number; all: number } {
  const from = eventAt(run, 'set-algorithm'),
    to = eventAt(run, 'add-server');
  const picked = run.trace.records.filter((r) => r.ipvs?.scheduler === 'lc' && pickedAt(r) >= from && pickedAt(r) < to);
  return { s1: picked.filter((r) => r.server === 's1').length, all: picked.length };
}

/**
 * The first pick of IPVS's lc after the switch at which s1 and s2 held as many active
 * connections: the inactive ones (closed, in TIME_WAIT) decide it (ip_vs_lc.c,
 * ip_vs_dest_conn_overhead).
 */
export function evenPick(run: RunView): RequestRecord {
  const from = eventAt(run, 'set-algorithm');
  const even = run.trace.records
    .filter((r) => pickedAt(r) >= from && lcRowsOf(r).length > 0)
    .sort((a, b) => pickedAt(a) - pickedAt(b))
    .find((r) => {
      const [a, b] = [lcRowsOf(r).find((x) => x.id === 's1'), lcRowsOf(r).find((x) => x.id === 's2')];
      return a && b && a.active === b.active;
    });
  if (!even) throw new Error('least connections never found s1 and s2 with as many active connections');
  return even;
}

/**
 * Overload (issue 19): a server's accept queue is bounded by its listen backlog; a SYN that finds
 * it full is dropped and sent again after 1 s, 3 s, 7 s. Then least connections (IPVS's lc, in L4)
 * and a third server relieve it; lc less than one might think, since it counts s2's closed
 * connections, in TIME_WAIT for two minutes, against it.
 */
export const overloadSteps: LessonStep[] = [
  {
    title: { en: 'Overload: the queue is full', ko: '과부하: 대기열이 가득 찼습니다' },
    body: {
      en: 's1 is half as fast as s2, yet round robin gives it every other request. Its queue holds at most 8 waiting (its listen backlog), and it is full: see the dashed outline round its dots, tagged queue full 8/8. Watch the latency in the statistics climb.',
      ko: 's1은 s2의 절반 속도인데도 라운드로빈은 요청을 번갈아 줍니다. s1의 대기열에는 최대 8개가 기다릴 수 있는데(listen 백로그), 지금 가득 찼습니다. 점들을 두른 점선 테두리와 대기열 가득 8/8 표시를 보세요. 통계의 응답 시간이 늘어나는 것도 보세요.',
    },
    scenario: overload as ScenarioInput,
    at: (run) => before(run, firstOverflow(run).drop.at),
    // The request whose SYN is about to meet the full queue: its packet is on its way to s1.
    select: (run) => firstOverflow(run).r.id,
    highlight: ['servers', 'stats'],
    quiz: {
      question: {
        en: "A new connection's SYN reaches s1 now. What happens to it?",
        ko: '지금 새 연결의 SYN이 s1에 도착합니다. 이 SYN은 어떻게 될까요?',
      },
      ask(run) {
        const { r, drop } = firstOverflow(run);
        const retry = r.hops.find((h) => h.retransmit !== undefined && h.at > drop.at);
        const choices = [
          { en: "It waits in s1's queue like the others", ko: '다른 요청처럼 s1의 대기열에서 기다립니다' },
          { en: 's1 refuses it with a reset (RST)', ko: 's1이 RST로 거절합니다' },
          {
            en: 's1 drops it without a word; the client sends it again later',
            ko: 's1이 아무 응답 없이 버리고, 클라이언트가 나중에 다시 보냅니다',
          },
          { en: 'The balancer sends it to s2 instead', ko: '로드밸런서가 대신 s2로 보냅니다' },
        ];
        const answer = drop.drop === 'overflow' && retry ? 2 : drop.drop === 'refused' ? 1 : 0;
        const after = retry ? s(retry.at - (r.hops[0]?.at ?? r.at)) : '—';
        const backlog = run.scenario.servers.find((x) => x.name === drop.node)?.backlog ?? 0;
        return {
          choices,
          answer,
          why: {
            en: `#${r.id}'s SYN found ${backlog} waiting at ${drop.node}: the kernel dropped it (Linux does not answer when the queue is full). The client heard nothing and sent the SYN again ${after} s after the first; each wait doubles (again at 3 s, 7 s …). #${r.id} took ${s(r.latencyMs)} s in all.`,
            ko: `요청 #${r.id}의 SYN이 ${drop.node}에 도착했을 때 ${backlog}개가 기다리고 있어 커널이 SYN을 버렸습니다(리눅스는 대기열이 가득 차면 답하지 않습니다). 클라이언트는 아무 답도 듣지 못해 처음 보낸 뒤 ${after}초에 SYN을 다시 보냈습니다. 기다리는 시간은 매번 두 배가 됩니다(다음은 3초, 7초 …). 요청 #${r.id}에 걸린 시간은 모두 ${s(r.latencyMs)}초였습니다.`,
          },
          revealAt: drop.at,
          revealSelect: r.id,
        };
      },
    },
  },
  {
    title: { en: 'Relief: least connections', ko: '해소: 최소 연결' },
    body: {
      en: "At 6 s the balancer switches to least connections, IPVS's lc: it compares each server's active connections × 256 plus its inactive ones, and a closed connection stays inactive in TIME_WAIT for two minutes. s1, its queue full, holds the most active connections, so new ones go to s2, until s2 holds as many.",
      ko: '6초에 로드밸런서가 최소 연결, 즉 IPVS의 lc로 바뀝니다. lc는 서버마다 active 연결 × 256에 inactive 연결을 더해 비교하고, 닫힌 연결은 TIME_WAIT 상태로 2분 동안 inactive로 남습니다. 대기열이 가득 찬 s1의 active 연결이 가장 많으니 새 연결은 s2로 갑니다. s2의 active 연결이 s1만큼 많아질 때까지는요.',
    },
    at: (run) => before(run, atBalancer(run, evenPick(run).id)),
    select: (run) => evenPick(run).id,
    highlight: ['why', 'servers'],
    quiz: {
      question: {
        en: 'The selected request reaches lb1 while s1 and s2 hold as many active connections. Which server does lc give it?',
        ko: '선택된 요청이 lb1에 도착할 때 s1과 s2의 active 연결 수는 같습니다. lc는 이 요청을 어느 서버에 줄까요?',
      },
      ask(run) {
        const r = evenPick(run);
        const row = (name: string) => lcRowsOf(r).find((x) => x.id === name)!;
        const [one, two] = [row('s1'), row('s2')];
        const choices = run.scenario.servers.map((x) => x.name);
        const { s1, all } = reliefShare(run);
        return {
          choices,
          answer: choices.indexOf(r.server ?? ''),
          why: {
            en: `${r.server}: both had ${one.active} active, so the inactive ones decided: s1 ${one.inactive}, s2 ${two.inactive}. s2, the fast one, has closed many more connections, and they still count. So lc gave s1 ${s1} of the ${all} new connections between 6 s and 10 s, and some of their SYNs still met its full queue.`,
            ko: `${r.server}: 둘 다 active가 ${one.active}개라서 inactive가 정했습니다. s1은 ${one.inactive}개, s2는 ${two.inactive}개. 빠른 s2가 훨씬 많은 연결을 닫았고, 닫힌 연결도 아직 셉니다. 그래서 lc는 6초와 10초 사이의 새 연결 ${all}개 중 ${s1}개를 s1에 주었고, 그중 몇몇의 SYN은 여전히 가득 찬 대기열을 만났습니다.`,
          },
          revealAt: atBalancer(run, r.id),
          revealSelect: r.id,
        };
      },
    },
  },
  {
    title: { en: 'Relief: one more server', ko: '해소: 서버 한 대 더' },
    body: {
      en: 'At 10 s s3 is added (scale-out), with no connections yet, and lc shares the new ones among three. Queues stay short, no SYN is dropped after 12 s, and latency falls: see the statistics.',
      ko: '10초에 아직 연결이 하나도 없는 s3이 추가되고(스케일 아웃), lc는 새 연결을 세 서버에 나눕니다. 대기열은 짧아지고 12초 뒤로는 버려지는 SYN이 없으며 응답 시간이 줄어듭니다. 통계를 보세요.',
    },
    at: (run) => before(run, eventAt(run, 'add-server') + 2000),
    highlight: ['servers', 'stats'],
  },
];
