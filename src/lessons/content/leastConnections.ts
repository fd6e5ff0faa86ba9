import uneven from '../../scenarios/least-connections-uneven.json';
import { simulate } from '../../sim/engine.ts';
import type { ScenarioInput } from '../../sim/scenario.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { withParticle } from '../../i18n/particle.ts';
import { atBalancer, before, rec } from '../moments.ts';
import { nextServerQuiz } from '../quizzes.ts';
import type { Lesson, RunView } from '../types.ts';
import { UI } from '../names.ts';

/** The same run with round robin instead: what least connections spared request `id`. */
export function withRoundRobin(run: RunView, id: number): RequestRecord {
  const r = simulate({
    ...run.scenario,
    algorithm: 'round-robin',
    events: run.scenario.events.filter((e) => e.action !== 'set-algorithm'),
  }).find((x) => x.id === id);
  if (!r) throw new Error(`the round-robin run has no request #${id}`);
  return r;
}

const s = (ms: number) => (ms / 1000).toFixed(1);

export const leastConnections: Lesson = {
  id: 'least-connections',
  section: 'algorithms',
  title: { en: 'Least connections for uneven work', ko: '작업량이 들쭉날쭉하면 최소 연결' },
  summary: {
    en: 'The server with the fewest open connections gets the next request.',
    ko: '열린 연결이 가장 적은 서버가 다음 요청을 받습니다.',
  },
  steps: [
    {
      title: { en: 'Two long jobs', ko: '오래 걸리는 작업 두 개' },
      body: {
        en: 'Requests #1 and #2 ask for reports that take five seconds each; the others are quick. These servers work on one request at a time (one worker each): a request given to a busy server waits in its queue. Least connections picks the server with the fewest open connections right now (weights taken into account). Watch the open counts on the servers.',
        ko: '요청 #1과 #2는 각각 5초가 걸리는 보고서를 요청하고, 나머지는 금방 끝납니다. 이 서버들은 한 번에 요청 하나만 처리합니다(작업자가 하나씩). 바쁜 서버에 간 요청은 대기열에서 기다립니다. 최소 연결은 지금 열린 연결이 가장 적은 서버를 고릅니다(가중치도 고려합니다). 서버에 표시된 열린 연결 수를 보세요.',
      },
      scenario: uneven as ScenarioInput,
      at: (run) => atBalancer(run, 3),
      select: () => 3,
      highlight: ['servers', 'why'],
    },
    {
      title: { en: 'Where does the next one go?', ko: '다음 요청은 어디로?' },
      body: {
        en: 's1 and s2 are each busy with a report; #3 was quick and has finished. Round robin would now go back to s1, where #4 would wait in the queue behind a five-second job.',
        ko: 's1과 s2는 보고서를 하나씩 처리하고 있고, #3은 금방 끝났습니다. 라운드로빈이라면 이제 다시 s1로 보내고, #4는 5초짜리 작업 뒤 대기열에서 기다렸을 겁니다.',
      },
      at: (run) => before(run, atBalancer(run, 4)),
      highlight: ['servers', 'why'],
      quiz: nextServerQuiz(4, undefined, (run, server) => {
        const rr = withRoundRobin(run, 4);
        const here = rec(run, 4);
        return {
          en: `${server}: it had no open connection. #4 took ${Math.round(here.latencyMs)} ms. With round robin the same request goes to ${rr.server}, behind a report, and takes ${s(rr.latencyMs)} s.`,
          ko: `${server}: 열린 연결이 하나도 없었습니다. #4는 ${Math.round(here.latencyMs)} ms 만에 끝났습니다. 라운드로빈이라면 같은 요청이 보고서를 처리 중인 ${withParticle(rr.server ?? '', '로')} 가서, 그 뒤에서 기다리느라 ${s(rr.latencyMs)}초가 걸립니다.`,
        };
      }),
    },
    {
      title: { en: 'Ties, and what it costs', ko: '동점, 그리고 대가' },
      body: {
        en: `When several servers have equally few connections, nginx breaks the tie with weighted round robin among them. Least connections needs the balancer to count open connections — cheap for it, and the right choice when some requests take much longer than others. Try round robin against least connections in "${UI.compare.en}".`,
        ko: `연결 수가 같은 서버가 여럿이면 nginx는 그들 사이에서 가중 라운드로빈으로 정합니다. 최소 연결은 로드밸런서가 열린 연결을 세어야 하지만 비용은 작고, 어떤 요청은 훨씬 오래 걸리는 트래픽에 알맞습니다. '${UI.compare.ko}'에서 라운드로빈과 최소 연결을 비교해 보세요.`,
      },
      at: (run) => atBalancer(run, 6),
      select: () => 6,
      highlight: ['why'],
    },
  ],
};
