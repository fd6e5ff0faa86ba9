import dnsVip from '../../scenarios/dns-vip.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { atBalancer, clientSends, rec } from '../moments.ts';
import { clientDestinationQuiz } from '../quizzes.ts';
import type { Lesson } from '../types.ts';

export const vipDns: Lesson = {
  id: 'vip-dns',
  section: 'vip-dns',
  title: { en: 'The VIP and DNS', ko: 'VIP와 DNS' },
  summary: {
    en: 'Clients call one virtual address that stands for every server.',
    ko: '클라이언트는 모든 서버를 대표하는 가상 주소 하나로 요청합니다.',
  },
  steps: [
    {
      title: { en: 'First, the client asks DNS', ko: '먼저 클라이언트가 DNS에 묻습니다' },
      body: {
        en: 'Before it can send anything, the client looks up www.example.com: the small square on its way to DNS is the question. Behind the service stand three servers, each with an address of its own. What DNS answers decides where the client sends its request.',
        ko: '무언가를 보내기 전에 클라이언트는 www.example.com의 주소를 찾습니다. DNS로 가는 작은 네모가 그 질문입니다. 서비스 뒤에는 저마다 주소가 있는 서버 세 대가 있습니다. DNS가 무엇이라고 답하느냐가 요청이 어디로 갈지를 정합니다.',
      },
      scenario: dnsVip as ScenarioInput,
      at: (run) => (rec(run, 1).dns!.at + rec(run, 1).dns!.answeredAt) / 2,
      highlight: ['dns', 'clients'],
    },
    {
      title: { en: 'Where does the request go?', ko: '요청은 어디로 갈까요?' },
      body: {
        en: 'DNS is about to answer. Predict what the client will write as the destination of its request.',
        ko: 'DNS가 곧 답합니다. 클라이언트가 요청의 목적지로 무엇을 적을지 예측해 보세요.',
      },
      at: (run) => (rec(run, 1).dns!.at + rec(run, 1).dns!.answeredAt) / 2,
      highlight: ['clients', 'vip'],
      quiz: clientDestinationQuiz(1),
    },
    {
      title: { en: 'The VIP lives on the balancer', ko: 'VIP는 로드밸런서에 있습니다' },
      body: {
        en: "DNS answered with the Virtual IP (VIP): one address that stands for all the servers. The VIP is not a machine of its own: the active balancer, lb1, answers for it. The standby, lb2, is ready to take the VIP over if lb1 fails (the failover lesson shows how). The servers' own addresses stay on the private side.",
        ko: 'DNS는 모든 서버를 대표하는 주소 하나, 가상 IP(VIP)로 답했습니다. VIP는 별도의 기계가 아닙니다. 활성 로드밸런서 lb1이 그 주소로 응답합니다. 대기 로드밸런서 lb2는 lb1이 고장 나면 VIP를 넘겨받을 준비를 하고 있습니다(장애 조치 수업에서 봅니다). 서버들의 실제 주소는 내부망에만 있습니다.',
      },
      at: (run) => atBalancer(run, 1),
      select: () => 1,
      highlight: ['vip', 'lb1', 'lb2'],
    },
    {
      title: { en: 'The answer is remembered', ko: 'DNS 답은 기억됩니다' },
      body: {
        en: 'Request #3 comes from the same client: it does not ask DNS again. The answer is cached for its time to live (TTL), so the VIP must stay the same address for as long — one more reason the servers hide behind it.',
        ko: '요청 #3은 같은 클라이언트에서 옵니다. 이번에는 DNS에 다시 묻지 않습니다. 답은 유효 시간(TTL) 동안 캐시되므로, VIP는 그동안 같은 주소로 남아 있어야 합니다. 서버들이 VIP 뒤에 숨는 또 하나의 이유입니다.',
      },
      at: (run) => clientSends(run, 3),
      select: () => 3,
      highlight: ['inspector'],
    },
  ],
};
