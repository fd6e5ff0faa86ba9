import turns from '../../scenarios/round-robin-turns.json';
import sessions from '../../scenarios/sessions.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { atBalancer, before, clientGets, rec } from '../moments.ts';
import { nextServerQuiz } from '../quizzes.ts';
import type { Lesson } from '../types.ts';

/** The login again, kept on its server by keepalived's persistence_timeout (L4's way; IPVS's templates). */
export const persistent: ScenarioInput = { ...(sessions as ScenarioInput), persistenceTimeoutMs: 300_000 };

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
        en: "Round robin hands requests out in turn: the first to s1, the next to s2, then s3, then s1 again, whoever sent them. In L4, as here, the Linux kernel's IPVS does it with its rr scheduler; in L7 nginx does, as weighted round robin with every weight 1. Both walk the servers in the same order.",
        ko: '라운드로빈은 요청을 차례대로 나눠 줍니다. 첫 요청은 s1, 다음은 s2, 그다음 s3, 다시 s1. 누가 보냈는지는 상관없습니다. 여기처럼 L4에서는 리눅스 커널의 IPVS가 rr 스케줄러로, L7에서는 nginx가 모든 가중치가 1인 가중 라운드로빈으로 처리합니다. 둘 다 같은 순서로 서버를 돕니다.',
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
      title: { en: "L4's answer: persistence", ko: 'L4의 해법: 지속성(persistence)' },
      body: {
        en: "The same login, now with keepalived's `persistence_timeout` at 300 seconds. When IPVS schedules a client's first connection it also keeps a template: this client address → that server. Until the template expires, 300 s after the client's last connection closed, each new connection from that address goes to the same server, whatever rr would say.",
        ko: '같은 로그인을 이번엔 keepalived의 `persistence_timeout`을 300초로 두고 보냅니다. IPVS는 클라이언트의 첫 연결에 서버를 고를 때 템플릿 하나를 함께 남깁니다. 이 클라이언트 주소 → 그 서버. 템플릿이 만료될 때까지(클라이언트의 마지막 연결이 닫히고 300초 뒤) 그 주소에서 오는 새 연결은 rr이 무엇을 고르든 같은 서버로 갑니다.',
      },
      scenario: persistent,
      at: (run) => before(run, atBalancer(run, 2)),
      highlight: ['clients', 'servers'],
      quiz: nextServerQuiz(
        2,
        {
          en: 'Request #2 comes from the same client, for /cart. Which server will it go to?',
          ko: '요청 #2도 같은 클라이언트가 /cart로 보냅니다. 어느 서버로 갈까요?',
        },
        (run, server) => {
          const client = rec(run, 2).client;
          return {
            en: `${server}, the server of #1: IPVS found this client's template (${client} → ${rec(run, 1).server}) and did not ask rr at all, so the session is found. The template goes by the address alone: every user behind one NAT router shares it.`,
            ko: `${server}, #1과 같은 서버입니다. IPVS가 이 클라이언트의 템플릿(${client} → ${rec(run, 1).server})을 찾았으므로 rr에게는 묻지도 않았고, 세션도 그대로 찾았습니다. 템플릿은 주소만 보므로 NAT 공유기 하나 뒤의 사용자는 모두 같은 템플릿을 씁니다.`,
          };
        },
      ),
    },
    {
      title: { en: 'When to use it', ko: '언제 쓸까' },
      body: {
        en: 'Round robin is right when the servers are alike and requests are short and independent. For servers of different power use weighted round robin; for uneven work, least connections. For logins that live on one server: in L4, persistence or IP hash, which both go by the client address; in L7 also a sticky cookie, which names the server in the request itself. The next lessons show weighted round robin, IP hash and least connections.',
        ko: '라운드로빈은 서버 성능이 같고, 요청이 짧고 서로 독립적일 때 알맞습니다. 서버 성능이 다르면 가중 라운드로빈, 작업량이 들쭉날쭉하면 최소 연결을 씁니다. 로그인이 한 서버에 묶여야 하면 L4에서는 둘 다 클라이언트 주소를 보는 지속성(persistence)이나 IP 해시를, L7에서는 요청 안에 서버를 적어 두는 스티키 쿠키도 씁니다. 가중 라운드로빈, IP 해시, 최소 연결은 다음 수업들에서 봅니다.',
      },
      at: (run) => run.trace.end,
      highlight: ['algorithm', 'stats'],
    },
  ],
};
