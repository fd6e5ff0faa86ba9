import walkthrough from '../../scenarios/nat-walkthrough.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { atServer, balancerAnswers, clientSends, serverAnswers } from '../moments.ts';
import { requestDestinationQuiz, responseDestinationQuiz } from '../quizzes.ts';
import type { Lesson } from '../types.ts';
import { UI } from '../names.ts';

export const nat: Lesson = {
  id: 'nat',
  section: 'nat',
  title: { en: 'NAT on the request and on the response', ko: '요청과 응답의 NAT' },
  summary: {
    en: 'Full NAT: the balancer rewrites both addresses on the way in, and back on the way out.',
    ko: '풀 NAT(full NAT): 로드밸런서는 들어갈 때 두 주소를 바꾸고, 나올 때 되돌립니다.',
  },
  steps: [
    {
      title: { en: 'Leaving the client', ko: '클라이언트를 떠날 때' },
      body: {
        en: `The request leaves the client with its own address and a port it picked as the source, and the VIP as the destination. Follow its header hop by hop in the "${UI.inspector.en}".`,
        ko: `요청은 출발지에 클라이언트 자신의 주소와 고른 포트를, 목적지에 VIP를 적고 떠납니다. '${UI.inspector.ko}'에서 헤더를 구간마다 따라가 보세요.`,
      },
      scenario: walkthrough as ScenarioInput,
      at: (run) => clientSends(run, 1) + 15,
      select: () => 1,
      highlight: ['clients', 'inspector'],
    },
    {
      title: { en: 'At the balancer: the request', ko: '로드밸런서에서: 요청' },
      body: {
        en: "The balancer picks a server, then rewrites the destination from the VIP to that server, and the source from the client to the VIP. This is full NAT, as in the notes: both addresses change. The port stays the client's own unless another connection to that server already uses it; only then does the balancer pick another (as Linux's source NAT does). Predict the new destination.",
        ko: '로드밸런서가 서버를 고른 뒤, 목적지를 VIP에서 그 서버로, 출발지를 클라이언트에서 VIP로 바꿉니다. 강의 노트에서처럼 두 주소를 모두 바꾸는 풀 NAT(full NAT)입니다. 포트는 그 서버로 가는 다른 연결이 이미 쓰고 있지 않는 한 클라이언트의 것을 그대로 두고, 겹칠 때만 다른 포트를 고릅니다(리눅스의 출발지 NAT가 하는 방식). 새 목적지를 예측해 보세요.',
      },
      at: (run) => clientSends(run, 1) + 15,
      highlight: ['clients', 'lb1'],
      quiz: requestDestinationQuiz(1),
    },
    {
      title: { en: 'What the server sees', ko: '서버가 보는 것' },
      body: {
        en: "The server sees the VIP as the source, not the client: with full NAT it answers to the balancer, which is what makes the way back go through the balancer too. LVS-NAT, by contrast, rewrites only the destination: the server sees the client's own address, so the balancer must be the servers' gateway for the answers to come back through it.",
        ko: '서버가 보는 출발지는 클라이언트가 아니라 VIP입니다. 풀 NAT에서는 서버가 로드밸런서에게 답하므로, 돌아오는 길도 로드밸런서를 거치게 됩니다. 반면 LVS-NAT은 목적지만 바꿉니다. 서버는 클라이언트의 실제 주소를 보게 되므로, 응답이 로드밸런서를 거쳐 돌아가려면 로드밸런서가 서버들의 게이트웨이여야 합니다.',
      },
      at: (run) => atServer(run, 1),
      select: () => 1,
      highlight: ['servers', 'inspector'],
    },
    {
      title: { en: 'The NAT table remembers', ko: 'NAT 테이블이 기억합니다' },
      body: {
        en: "The server's answer is on its way, addressed to the VIP. Each open flow has a line in the balancer's connection-tracking table: the client's side and the server's side. When the answer arrives, the balancer looks its flow up there. Predict where it sends the answer.",
        ko: '서버의 응답이 VIP 앞으로 가는 중입니다. 열린 흐름마다 로드밸런서의 연결 추적 테이블에 한 줄이 있습니다: 클라이언트 쪽과 서버 쪽. 응답이 도착하면 로드밸런서는 여기서 그 흐름을 찾습니다. 응답을 어디로 보낼지 예측해 보세요.',
      },
      at: (run) => serverAnswers(run, 1) + 5,
      select: () => 1,
      highlight: ['conntrack'],
      quiz: responseDestinationQuiz(1),
    },
    {
      title: { en: 'At the balancer: the response', ko: '로드밸런서에서: 응답' },
      body: {
        en: `The balancer found the flow and rewrote the answer back: the source from the server to the VIP, the destination from the VIP to the client's own address and port. The "${UI.nat.en}" card shows both rewrites. That is how an answer finds its way back to the right client, and why the client only ever sees the VIP.`,
        ko: `로드밸런서가 흐름을 찾아 응답의 주소를 되돌렸습니다. 출발지는 서버에서 VIP로, 목적지는 VIP에서 클라이언트 자신의 주소와 포트로 바뀝니다. '${UI.nat.ko}' 카드에서 두 변환을 볼 수 있습니다. 그래서 응답이 올바른 클라이언트에게 돌아가고, 클라이언트는 언제나 VIP만 보게 됩니다.`,
      },
      // The moment the answer leaves the balancer: the NAT card shows the response's rewrite.
      at: (run) => balancerAnswers(run, 1),
      select: () => 1,
      highlight: ['nat', 'lb1'],
    },
  ],
};
