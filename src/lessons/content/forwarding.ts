import walkthrough from '../../scenarios/nat-walkthrough.json';
import { translateBoth } from '../../i18n/index.ts';
import { withParticle } from '../../i18n/particle.ts';
import type { Forwarding } from '../../sim/forwarding.ts';
import { isBalancer, isServer } from '../../sim/nodes.ts';
import type { Said } from '../../sim/said.ts';
import type { ScenarioInput } from '../../sim/scenario.ts';
import type { Hop } from '../../sim/types.ts';
import { atBalancer, atServer, balancerAnswers, clientGets, clientSends, hopOf, rec, serverAnswers } from '../moments.ts';
import { UI } from '../names.ts';
import { choicesWith } from '../quizzes.ts';
import type { LessonStep, Quiz, RunView } from '../types.ts';

/**
 * The layers lesson's L4 forwarding modes (issue 20): the NAT lesson's two requests again, with
 * IPVS handing each connection to its server by LVS-NAT, by direct routing (the notes' L2
 * balancer) and by IP tunnel (L3). Read from Linux's ip_vs_xmit.c (ip_vs_nat_xmit,
 * ip_vs_dr_xmit, ip_vs_tunnel_xmit) as the engine's src/sim/forwarding.ts is.
 */

const via = (forwarding: Forwarding): ScenarioInput => ({ ...(walkthrough as ScenarioInput), forwarding });

/** The toolbar's combobox, by the label the page gives it. */
const FORWARDING = translateBoth('forwarding.label');

const ipOf = (endpoint: string) => endpoint.split(':')[0]!;

/** Request `id` leaving its balancer toward the server, and arriving there. */
const lbOut = (run: RunView, id: number): Hop =>
  hopOf(run, id, (h) => isBalancer(h.node) && h.dir === 'request' && h.out !== null, 'leaving a balancer');
const serverIn = (run: RunView, id: number): Hop =>
  hopOf(run, id, (h, r) => h.node === r.server && h.dir === 'request' && h.in !== null, 'arriving at its server');

/** The server's answer leaving it, and the hop after it (the balancer, or the client itself). */
function answerPath(run: RunView, id: number): { out: Hop; next: Hop } {
  const r = rec(run, id);
  const i = r.hops.findIndex((h) => isServer(h.node) && h.dir === 'response' && h.out !== null);
  const next = r.hops[i + 1];
  if (i < 0 || !next) throw new Error(`request #${id} has no answer from its server`);
  return { out: r.hops[i]!, next };
}

/** What source address does the server see on request `id`? (LVS-NAT: the client's own.) */
function serverSeesQuiz(id: number): Quiz {
  return {
    question: {
      en: `Request #${id} is on its way to lb1. Which source address will the server see on it?`,
      ko: `요청 #${withParticle(id, '가')} lb1로 가는 중입니다. 서버는 이 요청의 출발지 주소를 무엇으로 볼까요?`,
    },
    ask(run) {
      const r = rec(run, id);
      const seen = serverIn(run, id).in!.src;
      const port = seen.split(':')[1] ?? '';
      const { vip, balancerIps } = run.scenario.network;
      const client = r.nat?.client ?? seen;
      return {
        ...choicesWith(seen, [client, `${vip}:${port}`, `${balancerIps[0]}:${port}`]),
        why: {
          en: `${seen}: ${ipOf(seen) === r.client ? "the client's own address and port" : 'not the client'}. LVS-NAT rewrote only the destination, so ${r.server} sees who called it — and must send its answer back through lb1.`,
          ko: `${seen}, ${ipOf(seen) === r.client ? '클라이언트 자신의 주소와 포트입니다' : '클라이언트가 아닙니다'}. LVS-NAT는 목적지만 바꾸므로 ${withParticle(r.server ?? '', '는')} 누가 불렀는지 그대로 봅니다. 그 대신 응답은 반드시 lb1을 거쳐 돌아가야 합니다.`,
        },
        revealAt: atServer(run, id),
        revealSelect: id,
      };
    },
  };
}

/** What the balancer changes in each mode, in the order the choices show them. */
const CHANGES: Said[] = [
  { en: 'The destination to the server, the source to the VIP', ko: '목적지는 서버로, 출발지는 VIP로' },
  { en: 'Only the destination address, to the server', ko: '목적지 주소만 서버로' },
  { en: "Only the destination MAC, to the server's", ko: '목적지 MAC만 서버의 것으로' },
  { en: 'Nothing: it wraps the packet in a new IP header', ko: '아무것도 바꾸지 않고 새 IP 헤더로 감쌉니다' },
];

/** Which of CHANGES the balancer's hop shows. */
function changeOf(h: Hop): number {
  if (h.out!.mac) return 2;
  if (h.out!.outer) return 3;
  return h.out!.src !== h.in!.src ? 0 : 1;
}

/** What does the balancer change in request `id` before passing it on? */
function balancerChangesQuiz(id: number): Quiz {
  return {
    question: {
      en: `lb1 will pick a server for request #${id}. What does it change before passing the packet on?`,
      ko: `요청 #${id}의 서버를 lb1이 고릅니다. lb1은 패킷을 넘기기 전에 무엇을 바꿀까요?`,
    },
    ask(run) {
      const r = rec(run, id);
      const h = lbOut(run, id);
      const mac = h.out!.mac;
      const header = `${h.out!.src} → ${h.out!.dst}`;
      return {
        choices: CHANGES,
        answer: changeOf(h),
        why: mac
          ? {
              en: `Only the Ethernet destination: the frame goes to ${r.server}'s MAC, ${mac.dst}, instead of lb1's, ${mac.src}. The IP header still says ${header}; nothing is translated, not even the port, so the servers listen on the VIP's port. "${UI.nat.en}" shows the one field that changed.`,
              ko: `이더넷 목적지만 바꿉니다. 프레임은 lb1의 MAC ${mac.src} 대신 ${r.server}의 MAC ${mac.dst} 앞으로 갑니다. IP 헤더는 여전히 ${header}입니다. 포트까지 아무것도 변환하지 않으므로 서버는 VIP와 같은 포트에서 기다립니다. '${UI.nat.ko}' 카드에서 바뀐 필드 하나를 볼 수 있습니다.`,
            }
          : {
              en: `lb1 sent it on as ${header}. "${UI.nat.en}" shows what changed.`,
              ko: `lb1은 ${withParticle(header, '로')} 보냈습니다. '${UI.nat.ko}' 카드에서 무엇이 바뀌었는지 볼 수 있습니다.`,
            },
        revealAt: atBalancer(run, id),
        revealSelect: id,
      };
    },
  };
}

/** Where does the server's answer to `id` go: back through the balancer, or straight to the client, from which address? */
function answerPathQuiz(id: number): Quiz {
  const choices: Said[] = [
    { en: 'Back to lb1, which sends it on to the client', ko: 'lb1로 돌아가고, lb1이 클라이언트에게 보냅니다' },
    { en: 'Straight to the client, from the VIP', ko: '클라이언트에게 바로, 출발지는 VIP' },
    { en: "Straight to the client, from the server's own address", ko: '클라이언트에게 바로, 출발지는 서버 자신의 주소' },
  ];
  return {
    question: {
      en: `The server is working on request #${id}. Where does its answer go?`,
      ko: `서버가 요청 #${withParticle(id, '를')} 처리하고 있습니다. 응답은 어디로 갈까요?`,
    },
    ask(run) {
      const r = rec(run, id);
      const { out, next } = answerPath(run, id);
      const fromVip = ipOf(out.out!.src) === run.scenario.network.vip;
      const answer = isBalancer(next.node) ? 0 : fromVip ? 1 : 2;
      return {
        choices,
        answer,
        why: {
          en: `${r.server} answered from ${out.out!.src} to ${out.out!.dst}, and the answer went ${isBalancer(next.node) ? `back to ${next.node}` : 'straight to the client'}. ${r.server} holds the VIP itself, so its answer carries the address the client called; lb1 saw only the request. Answers are mostly far bigger than requests: the balancer carries the small half of the traffic.`,
          ko: `${withParticle(r.server ?? '', '는')} ${out.out!.src}에서 ${out.out!.dst} 앞으로 답했고, 응답은 ${isBalancer(next.node) ? `${withParticle(next.node, '로')} 돌아갔습니다` : '클라이언트에게 바로 갔습니다'}. ${r.server} 자신이 VIP를 갖고 있으므로 응답에는 클라이언트가 부른 주소가 적힙니다. lb1은 요청만 보았습니다. 응답은 대개 요청보다 훨씬 크니, 로드밸런서는 트래픽의 작은 쪽만 나르는 셈입니다.`,
        },
        // Halfway along the answer's way, where the stage draws it bypassing the balancer.
        revealAt: (serverAnswers(run, id) + clientGets(run, id)) / 2,
        revealSelect: id,
      };
    },
  };
}

/** Which source address will the server answer `id` from, once it has taken the outer header off? */
function tunnelAnswerQuiz(id: number): Quiz {
  return {
    question: {
      en: `The server takes the outer header off request #${id}. Which source address will its answer carry?`,
      ko: `서버가 요청 #${id}의 바깥 헤더를 벗겨냅니다. 서버의 응답에는 출발지 주소가 무엇으로 적힐까요?`,
    },
    ask(run) {
      const r = rec(run, id);
      const h = lbOut(run, id);
      const { out } = answerPath(run, id);
      const src = out.out!.src;
      const port = src.split(':')[1] ?? '';
      const outer = h.out!.outer;
      const server = run.scenario.servers.find((s) => s.name === r.server);
      return {
        ...choicesWith(src, [`${run.scenario.network.vip}:${port}`, `${server?.ip ?? ''}:${port}`, outer?.src ?? '']),
        why: {
          en: `${src}. Inside the tunnel the packet was still ${h.out!.src} → ${h.out!.dst}, and ${r.server} holds the VIP, so it answers from it, straight to the client, as in direct routing. The outer header (${outer?.src} → ${outer?.dst}) only carried the packet across the network.`,
          ko: `${src}입니다. 터널 안의 패킷은 그대로(${h.out!.src} → ${h.out!.dst})였고, ${withParticle(r.server ?? '', '가')} VIP를 갖고 있으므로 직접 라우팅처럼 VIP에서 클라이언트에게 바로 답합니다. 바깥 헤더(${outer?.src} → ${outer?.dst})는 패킷을 네트워크 너머로 실어 나르기만 했습니다.`,
        },
        revealAt: serverAnswers(run, id),
        revealSelect: id,
      };
    },
  };
}

export const forwardingSteps: LessonStep[] = [
  {
    title: { en: 'LVS-NAT: only the destination is rewritten', ko: 'LVS-NAT: 목적지만 바꿉니다' },
    body: {
      en: `Full NAT is IPVS with a source NAT added. IPVS's own NAT, LVS-NAT (chosen in "${FORWARDING.en}" over the stage), rewrites only the destination, from the VIP to the server it picked. Here are the NAT lesson's two requests again, with LVS-NAT. Predict what the server sees.`,
      ko: `풀 NAT는 IPVS에 출발지 NAT를 더한 것입니다. IPVS 본래의 NAT인 LVS-NAT(무대 위 '${FORWARDING.ko}'에서 고릅니다)는 목적지만 VIP에서 고른 서버로 바꿉니다. NAT 수업의 두 요청을 LVS-NAT로 다시 보냅니다. 서버가 무엇을 보게 될지 예측해 보세요.`,
    },
    scenario: via('nat'),
    at: (run) => clientSends(run, 1) + 15,
    select: () => 1,
    highlight: ['clients', 'lb1'],
    quiz: serverSeesQuiz(1),
  },
  {
    title: { en: 'LVS-NAT: the response comes back through lb1', ko: 'LVS-NAT: 응답은 lb1을 거쳐 돌아옵니다' },
    body: {
      en: `s1 answered to the client's address, but lb1 is its gateway (its default route), so the answer passes lb1 anyway, and lb1 puts the VIP back as the source: see "${UI.nat.en}". Without that route the answer would reach the client from s1's own address, which it never called: it matches no connection there, and the client would answer it with a reset.`,
      ko: `s1은 클라이언트의 주소로 답했지만, lb1이 s1의 게이트웨이(기본 경로)이므로 응답은 결국 lb1을 지나고, lb1이 출발지를 VIP로 되돌립니다. '${UI.nat.ko}' 카드를 보세요. 그 경로가 없다면 응답은 s1의 주소에서 클라이언트로 갑니다. 클라이언트가 부른 적 없는 주소라 어느 연결과도 맞지 않으니, 클라이언트는 리셋(RST)으로 답할 것입니다.`,
    },
    at: (run) => balancerAnswers(run, 1),
    select: () => 1,
    highlight: ['nat', 'servers'],
  },
  {
    title: { en: 'L2: direct routing', ko: 'L2: 직접 라우팅' },
    body: {
      en: 'Now direct routing. lb1 and the servers share one Ethernet network. Each server holds the VIP too, on an interface that never answers ARP for it, so the router still sends all VIP traffic to lb1. IPVS picks per connection, as any L4 balancer; it is an L2 balancer by the way it hands the packet on.',
      ko: '이번엔 직접 라우팅입니다. lb1과 서버들은 한 이더넷 네트워크에 있습니다. 서버마다 VIP도 갖고 있지만 그 VIP의 ARP에는 답하지 않는 인터페이스에 두므로, 라우터는 VIP로 오는 것을 모두 lb1에 보냅니다. IPVS는 여느 L4 로드밸런서처럼 연결마다 고릅니다. L2 로드밸런서라 부르는 까닭은 패킷을 넘기는 방식에 있습니다.',
    },
    scenario: via('dr'),
    at: (run) => clientSends(run, 1) + 15,
    select: () => 1,
    highlight: ['clients', 'lb1'],
    quiz: balancerChangesQuiz(1),
  },
  {
    title: { en: 'Direct routing: who answers?', ko: '직접 라우팅: 누가 답할까' },
    body: {
      en: `s1 took the frame because it was addressed to its MAC, and accepted the packet inside because it holds the VIP, the packet's destination. A MAC address does not cross a router, so this works only when the balancer and the servers share one network. The header drawn beside #1 shows the MAC it was sent to; now s1 is serving.`,
      ko: `s1은 프레임이 자기 MAC 앞으로 왔으니 받았고, 안에 든 패킷의 목적지인 VIP를 자기도 갖고 있으니 그 패킷을 받아들입니다. MAC 주소는 라우터를 넘지 못하므로, 로드밸런서와 서버가 한 네트워크에 있을 때만 이렇게 할 수 있습니다. #1 옆에 그려진 헤더에 보낸 곳의 MAC이 보입니다. 지금 s1이 요청을 처리하고 있습니다.`,
    },
    at: (run) => atServer(run, 1),
    select: () => 1,
    // Where the answer can go: back to lb1, or to the client.
    highlight: ['servers', 'clients', 'lb1'],
    quiz: answerPathQuiz(1),
  },
  {
    title: { en: 'L3: an IP tunnel', ko: 'L3: IP 터널' },
    body: {
      en: `With a tunnel, lb1 leaves the IP header alone too, but wraps the whole packet in a new, outer IP header from itself to s1 (IP-in-IP): see the header drawn beside #1, and "${UI.nat.en}". Routers deliver it by that outer header, so s1 may sit in another network, even another data centre: it works at L3.`,
      ko: `터널에서도 lb1은 IP 헤더를 그대로 두지만, 패킷 전체를 자기에게서 s1로 가는 새 바깥 IP 헤더로 감쌉니다(IP-in-IP). #1 옆에 그려진 헤더와 '${UI.nat.ko}' 카드를 보세요. 라우터는 이 바깥 헤더를 보고 전달하므로 s1은 다른 네트워크, 심지어 다른 데이터센터에 있어도 됩니다. L3에서 일하는 셈입니다.`,
    },
    scenario: via('tun'),
    at: (run) => atBalancer(run, 1),
    select: () => 1,
    highlight: ['lb1', 'nat'],
    quiz: tunnelAnswerQuiz(1),
  },
];
