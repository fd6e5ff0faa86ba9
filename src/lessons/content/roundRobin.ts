import turns from '../../scenarios/round-robin-turns.json';
import sessions from '../../scenarios/sessions.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { atBalancer, before, clientGets } from '../moments.ts';
import { nextServerQuiz } from '../quizzes.ts';
import type { Lesson } from '../types.ts';

export const roundRobin: Lesson = {
  id: 'round-robin',
  section: 'algorithms',
  title: { en: 'Round robin, and sessions', ko: '라운드로빈과 세션' },
  summary: {
    en: 'In turn: even for equal servers and short requests, blind to sessions.',
    ko: '차례대로: 같은 서버와 짧은 요청엔 고르지만, 세션은 모릅니다.',
  },
  steps: [
    {
      title: { en: 'In turn', ko: '차례대로' },
      body: {
        en: 'Round robin hands requests out in turn: the first to s1, the next to s2, then s3, then s1 again, whoever sent them. nginx does it as weighted round robin with every weight 1.',
        ko: '라운드로빈은 요청을 차례대로 나눠 줍니다. 첫 요청은 s1, 다음은 s2, 그다음 s3, 다시 s1. 누가 보냈는지는 상관없습니다. nginx는 이를 모든 가중치가 1인 가중 라운드로빈으로 처리합니다.',
      },
      scenario: turns as ScenarioInput,
      at: (run) => atBalancer(run, 3),
      select: () => 3,
      highlight: ['why', 'servers'],
    },
    {
      title: { en: 'Your turn', ko: '예측해 보세요' },
      body: {
        en: 'Three requests went to s1, s2 and s3. Request #4 is on its way.',
        ko: '요청 세 개가 s1, s2, s3으로 갔습니다. 요청 #4가 오는 중입니다.',
      },
      at: (run) => before(run, atBalancer(run, 4)),
      highlight: ['why', 'servers'],
      quiz: nextServerQuiz(4),
    },
    {
      title: { en: 'Where it fails: a login', ko: '약점: 로그인' },
      body: {
        en: 'Now one client logs in (request #1 to /login): its session is kept in the memory of the server that answered. Its next request, #2, is handed to the next server in turn, which has never heard of that session: it answers 401 and the user must log in again. Round robin places requests without looking at what a server holds.',
        ko: '이번엔 한 클라이언트가 로그인합니다(요청 #1, /login). 세션은 응답한 서버의 메모리에만 저장됩니다. 다음 요청 #2는 차례에 따라 다음 서버로 가는데, 그 서버는 이 세션을 모릅니다. 401로 답하고 사용자는 다시 로그인해야 합니다. 라운드로빈은 서버가 무엇을 갖고 있는지 보지 않고 요청을 나눕니다.',
      },
      scenario: sessions as ScenarioInput,
      at: (run) => clientGets(run, 2),
      select: () => 2,
      highlight: ['inspector', 'servers'],
    },
    {
      title: { en: 'When to use it', ko: '언제 쓸까' },
      body: {
        en: 'Round robin is right when the servers are alike and requests are short and independent. For servers of different power use weighted round robin; for logins that live on one server, IP hash or a sticky cookie; for uneven work, least connections. The next lessons show each.',
        ko: '라운드로빈은 서버 성능이 같고, 요청이 짧고 서로 독립적일 때 알맞습니다. 서버 성능이 다르면 가중 라운드로빈, 로그인이 한 서버에 묶여야 하면 IP 해시나 스티키 쿠키, 작업량이 들쭉날쭉하면 최소 연결을 씁니다. 다음 수업들에서 하나씩 봅니다.',
      },
      at: (run) => run.trace.end,
      highlight: ['algorithm', 'stats'],
    },
  ],
};
