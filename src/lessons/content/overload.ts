import overload from '../../scenarios/overload.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import type { Hop, RequestRecord } from '../../sim/types.ts';
import { before, eventAt } from '../moments.ts';
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

/**
 * Overload (issue 19): a server's accept queue is bounded by its listen backlog; a SYN that finds
 * it full is dropped and sent again after 1 s, 3 s, 7 s. Then least connections and a third
 * server relieve it.
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
    title: { en: 'Relief: least connections, then one more server', ko: '해소: 최소 연결, 그리고 서버 한 대 더' },
    body: {
      en: "At 6 s the balancer switches to least connections: s1 holds the most, so new requests go to s2 and s1's queue empties. s2 then carries it all and starts to queue; at 10 s s3 is added (scale-out). Queues stay short, no SYN is dropped, latency falls: see the statistics.",
      ko: '6초에 로드밸런서가 최소 연결로 바뀝니다. s1의 연결이 가장 많으니 새 요청은 s2로 가고 s1의 대기열은 비워집니다. 이제 s2가 모두 받아 대기열이 생기기 시작하고, 10초에 s3이 추가됩니다(스케일 아웃). 대기열은 짧아지고 버려지는 SYN이 없으며 응답 시간이 줄어듭니다. 통계를 보세요.',
    },
    at: (run) => before(run, eventAt(run, 'add-server') + 2000),
    highlight: ['servers', 'stats'],
  },
];
