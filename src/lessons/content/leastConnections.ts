import uneven from '../../scenarios/least-connections-uneven.json';
import { simulate } from '../../sim/engine.ts';
import type { ScenarioInput } from '../../sim/scenario.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { withParticle } from '../../i18n/particle.ts';
import { atBalancer, before, rec } from '../moments.ts';
import { nextServerQuiz } from '../quizzes.ts';
import type { OverheadRow } from '../../sim/algorithms/ipvs/lc.ts';
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

/** The same requests in L7, where nginx's least_conn picks. */
export const lcNginx: ScenarioInput = { ...(uneven as ScenarioInput), mode: 'L7' };

/** IPVS's lc rows for request `id`: each server's active and inactive connections and their overhead. */
export function lcRows(run: RunView, id: number): readonly OverheadRow[] {
  const d = rec(run, id).ipvs;
  if (d?.scheduler !== 'lc') throw new Error(`request #${id} was not picked by IPVS's lc`);
  return d.rows;
}

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
        en: "Requests #1 and #2 ask for reports that take five seconds each; the others are quick. These servers work on one request at a time (one worker each): a request given to a busy server waits in its queue. Least connections picks the server with the fewest connections right now; in L4, as here, the Linux kernel's IPVS does it with its lc scheduler. Watch the open counts on the servers.",
        ko: '요청 #1과 #2는 각각 5초가 걸리는 보고서를 요청하고, 나머지는 금방 끝납니다. 이 서버들은 한 번에 요청 하나만 처리합니다(작업자가 하나씩). 바쁜 서버에 간 요청은 대기열에서 기다립니다. 최소 연결은 지금 연결이 가장 적은 서버를 고릅니다. 여기처럼 L4에서는 리눅스 커널의 IPVS가 lc 스케줄러로 고릅니다. 서버에 표시된 열린 연결 수를 보세요.',
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
      title: { en: 'What IPVS counts', ko: 'IPVS가 세는 것' },
      body: {
        en: `IPVS's lc compares active × 256 + inactive for each server. An active connection is an established one; an inactive one is still opening or already closed: a closed connection stays in IPVS's table in TIME_WAIT for two minutes. "${UI.why.en}" shows both counts.`,
        ko: `IPVS의 lc는 서버마다 active × 256 + inactive를 비교합니다. active는 연결이 맺어진 것이고, inactive는 아직 여는 중이거나 이미 닫힌 것입니다. 닫힌 연결도 TIME_WAIT 상태로 2분 동안 IPVS의 표에 남습니다. '${UI.why.ko}'에서 두 수를 볼 수 있습니다.`,
      },
      at: (run) => before(run, atBalancer(run, 5)),
      highlight: ['why', 'servers'],
      quiz: {
        question: {
          en: "s1 and s2 each hold a report; s3's quick requests #3 and #4 are done. Request #5 is on its way: what number does lc give s3?",
          ko: 's1과 s2는 보고서를 하나씩 처리하고 있고, s3의 빠른 요청 #3과 #4는 끝났습니다. 요청 #5가 오는 중입니다. lc는 s3에 어떤 수를 줄까요?',
        },
        ask(run) {
          const rows = lcRows(run, 5);
          const s3 = rows.find((x) => x.id === 's3')!;
          const busy = rows.find((x) => x.id === 's1')!;
          const answer = String(s3.overhead);
          // In numeric order, so the answer's place tells nothing.
          const choices = [...new Set([answer, '0', '1', '256', '512'])].sort((x, y) => Number(x) - Number(y));
          return {
            choices,
            answer: choices.indexOf(answer),
            why: {
              en: `${answer}: ${s3.active} active and ${s3.inactive} inactive — its closed connections still wait in TIME_WAIT and count 1 each, where an active one counts 256 (s1 has ${busy.overhead}). So s3 still wins here; but a server that has just closed many connections looks busier to lc than one that closed few. nginx's least_conn counts only open connections.`,
              ko: `${answer}입니다. active ${s3.active}, inactive ${s3.inactive}: 닫힌 연결도 TIME_WAIT로 기다리는 동안 하나에 1씩 셉니다. active 연결 하나는 256입니다(s1은 ${busy.overhead}). 그래서 여기서는 여전히 s3이 뽑히지만, 방금 연결을 많이 닫은 서버는 적게 닫은 서버보다 lc에게 더 바빠 보입니다. nginx의 least_conn은 열린 연결만 셉니다.`,
            },
            revealAt: atBalancer(run, 5),
            revealSelect: 5,
          };
        },
      },
    },
    {
      title: { en: 'nginx (L7): weights, and ties', ko: 'nginx(L7): 가중치와 동점' },
      body: {
        en: `The same requests in L7, where nginx's least_conn picks: it counts open connections only, divides each count by the server's weight, and breaks ties by weighted round robin. IPVS's lc ignores weights (0 only takes a server out); to weigh them in L4, pick weighted least connections, IPVS's wlc. Counting connections is cheap, and right when some requests take much longer than others. Try round robin against least connections in "${UI.compare.en}".`,
        ko: `같은 요청을 L7에서 보냅니다. 여기서는 nginx의 least_conn이 고릅니다. 열린 연결만 세고, 그 수를 서버의 가중치로 나누며, 동점은 가중 라운드로빈으로 정합니다. IPVS의 lc는 가중치를 보지 않습니다(0이면 서버를 뺄 뿐입니다). L4에서 가중치를 반영하려면 IPVS의 wlc인 가중 최소 연결을 고르세요. 연결을 세는 비용은 작고, 어떤 요청은 훨씬 오래 걸리는 트래픽에 알맞습니다. '${UI.compare.ko}'에서 라운드로빈과 최소 연결을 비교해 보세요.`,
      },
      scenario: lcNginx,
      at: (run) => atBalancer(run, 6),
      select: () => 6,
      highlight: ['why', 'layer'],
    },
  ],
};
