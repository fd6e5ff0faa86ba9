import l7Routing from '../../scenarios/l7-routing.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { atBalancer, before, firstRecord } from '../moments.ts';
import { withParticle } from '../../i18n/particle.ts';
import { nextServerQuiz } from '../quizzes.ts';
import type { Lesson } from '../types.ts';
import { UI } from '../names.ts';
import { forwardingSteps } from './forwarding.ts';

const l7 = l7Routing as ScenarioInput;
// The same requests through an L4 balancer: it cannot read paths, so no rules, cache or blocks.
const { rules: _r, cache: _c, block: _b, ...l4Base } = l7;
const l4: ScenarioInput = { ...l4Base, mode: 'L4' };

export const layers: Lesson = {
  id: 'l4-l7',
  section: 'layers',
  title: { en: 'L2, L3, L4 and L7', ko: 'L2, L3, L4와 L7' },
  summary: {
    en: 'Handing on frames or packets, deciding on addresses and ports, or on the HTTP request itself.',
    ko: '프레임이나 패킷을 넘길까, 주소와 포트로 정할까, HTTP 요청 자체를 보고 정할까.',
  },
  steps: [
    {
      title: { en: 'Named by the layer they work on', ko: '일하는 계층에 따라 붙는 이름' },
      body: {
        en: 'Balancers are named after the OSI layer they work on: L2, L3, L4 or L7. The higher the layer, the more of the request the balancer reads, the finer it can divide the work, and the more each request costs it; the lower, the simpler and cheaper. The table shows how much of request #1, arriving at the VIP now, each kind would read. This lesson runs all four.',
        ko: '로드밸런서는 일하는 OSI 계층에 따라 L2, L3, L4, L7로 부릅니다. 계층이 높을수록 요청을 더 많이 읽어 더 세밀하게 나눌 수 있지만 요청마다 드는 일도 많아지고, 낮을수록 단순하고 비용이 적습니다. 표는 지금 VIP에 도착하는 요청 #1을 각 계층이 어디까지 읽는지 보여 줍니다. 이 수업에서 넷을 모두 실행해 봅니다.',
      },
      scenario: l7,
      at: (run) => atBalancer(run, 1),
      select: () => 1,
      highlight: ['lb1', 'layer'],
      figure: 'layers',
    },
    {
      title: { en: 'L4: addresses and ports only', ko: 'L4: 주소와 포트만' },
      body: {
        en: "An L4 balancer decides on transport information: IP addresses and ports. It never reads the HTTP message, so it cannot tell /search from /map. It is fast and simple, and its choice is coarse. The lab's L4 balancer is the Linux kernel's own, IPVS (LVS, run by keepalived), here with full NAT. With TCP handshakes on, the client's own handshake passes through it to the server; the rewritten connection keeps the client's source port unless another connection to that server already uses it.",
        ko: 'L4 로드밸런서는 전송 계층 정보, 즉 IP 주소와 포트로 결정합니다. HTTP 메시지는 읽지 않으므로 /search와 /map을 구별하지 못합니다. 빠르고 단순하지만, 나누는 기준이 거칩니다. 이 랩의 L4 로드밸런서는 리눅스 커널에 들어 있는 IPVS(LVS, keepalived가 관리)이고, 여기서는 풀 NAT로 동작합니다. TCP 핸드셰이크를 켜 두었으니 클라이언트의 핸드셰이크가 로드밸런서를 지나 서버까지 그대로 갑니다. 주소를 바꾼 연결은 그 서버로 가는 다른 연결이 이미 쓰고 있지 않는 한 클라이언트의 출발지 포트를 그대로 씁니다.',
      },
      scenario: l4,
      at: (run) => atBalancer(run, 1),
      select: () => 1,
      highlight: ['layer', 'nat'],
    },
    ...forwardingSteps,
    {
      title: { en: 'L7: the balancer reads the request', ko: 'L7: 로드밸런서가 요청을 읽습니다' },
      body: {
        en: "An L7 balancer ends the client's TCP connection itself, reads the request (URL, headers, cookies) and opens its own connection to the server it picks, from a port of its own (an ephemeral port, as any program that connects): two connections, two handshakes. The server sees the balancer's address, and the client's in X-Forwarded-For.",
        ko: 'L7 로드밸런서는 클라이언트의 TCP 연결을 직접 끝내고, 요청(URL, 헤더, 쿠키)을 읽은 뒤, 고른 서버로 자기 연결을 새로 엽니다. 이 연결의 출발지 포트는 로드밸런서가 직접 고른 임시(ephemeral) 포트입니다. 연결이 둘, 핸드셰이크도 둘입니다. 서버는 로드밸런서의 주소를 보고, 클라이언트의 주소는 X-Forwarded-For 헤더로 받습니다.',
      },
      scenario: l7,
      at: (run) => atBalancer(run, 1),
      select: () => 1,
      highlight: ['layer', 'inspector'],
    },
    {
      title: { en: 'Routing by URL', ko: 'URL로 나누기' },
      body: {
        en: 'The rules say /search goes to s1 and /map to s2. The next request asks for a map.',
        ko: '규칙은 /search는 s1로, /map은 s2로 보내라고 합니다. 다음 요청은 지도를 요청합니다.',
      },
      at: (run) => before(run, atBalancer(run, firstRecord(run, (r) => r.path.startsWith('/map'), 'asks for /map').id)),
      highlight: ['l7-settings', 'servers'],
      quiz: {
        question: {
          en: 'Which server gets the next request, for /map?',
          ko: '/map을 요청하는 다음 요청은 어느 서버로 갈까요?',
        },
        ask: (run) =>
          nextServerQuiz(firstRecord(run, (r) => r.path.startsWith('/map'), 'asks for /map').id, undefined, (_run, server) => ({
            en: `The first rule that matches the request decides: /map goes to ${server}, whatever the algorithm would say. An L4 balancer could not do this.`,
            ko: `요청과 맞는 첫 규칙이 정합니다. /map은 알고리즘과 상관없이 ${withParticle(server, '로')} 갑니다. L4 로드밸런서는 이렇게 할 수 없습니다.`,
          })).ask(run),
      },
    },
    {
      title: { en: 'Caching and blocking', ko: '캐시와 차단' },
      body: {
        en: `Because it reads requests, an L7 balancer can answer /static from its own cache without bothering a server, and refuse abnormal traffic: /admin gets 403, and a client sending too fast gets 503 (nginx's limit_req answers 503 unless limit_req_status says otherwise). The price is more work per request: compare L4 and L7 in "${UI.compare.en}".`,
        ko: `요청을 읽으므로 L7 로드밸런서는 /static을 서버까지 보내지 않고 자기 캐시에서 답할 수 있고, 비정상 트래픽을 막을 수 있습니다. /admin은 403을, 너무 빨리 보내는 클라이언트는 503을 받습니다(nginx의 limit_req는 limit_req_status로 바꾸지 않으면 503으로 답합니다). 대가는 요청마다 늘어나는 일입니다. '${UI.compare.ko}'에서 L4와 L7을 비교해 보세요.`,
      },
      at: (run) => firstRecord(run, (r) => r.outcome === 'cached', 'is served from the cache').doneAt,
      select: (run) => firstRecord(run, (r) => r.outcome === 'cached', 'is served from the cache').id,
      highlight: ['inspector'],
    },
  ],
};
