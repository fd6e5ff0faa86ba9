import { translate } from '../i18n/index.ts';
import { withParticle } from '../i18n/particle.ts';
import { isBalancer, isClient } from '../sim/nodes.ts';
import type { Said } from '../sim/said.ts';
import type { RequestRecord } from '../sim/types.ts';
import type { Algorithm } from '../sim/algorithms/pick.ts';
import { IPVS_SCHEDULERS } from '../sim/algorithms/ipvs/registry.ts';
import { UI } from './names.ts';
import { atBalancer, balancerAnswers, clientSends, hopOf, rec } from './moments.ts';
import type { Quiz, RunView } from './types.ts';

/**
 * Questions whose choices and answers are read from the run, so the right answer is always what
 * the engine does (and so IPVS in L4, nginx in L7).
 */

/** Sorted and without repeats, so the answer's place tells nothing. */
export function choicesWith(answer: string, others: string[]): { choices: string[]; answer: number } {
  const choices = [...new Set([answer, ...others])].sort();
  return { choices, answer: choices.indexOf(answer) };
}

const both = (f: (lang: 'en' | 'ko') => string): Said => ({ en: f('en'), ko: f('ko') });

/** The lab's name of an IPVS scheduler (the scenario's algorithm may have changed since, by an event). */
const labName = (kernel: string) => (Object.keys(IPVS_SCHEDULERS) as Algorithm[]).find((a) => IPVS_SCHEDULERS[a].kernel === kernel)!;

/**
 * Who picked request `r`'s server, as the lessons say it: in L4 the Linux kernel's IPVS with its
 * scheduler (rr, wrr, lc, wlc, sh) or keepalived's persistence template; in L7 nginx with its
 * algorithm. The record says which: `ipvs` (L4) or `decision` (L7).
 */
export function whoPicked(run: RunView, r: RequestRecord): Said {
  if (r.persistent) return { en: "IPVS's persistence template", ko: 'IPVS의 지속성(persistence) 템플릿' };
  if (r.ipvs) {
    const name = (lang: 'en' | 'ko') => translate(lang, `algorithm.${labName(r.ipvs!.scheduler)}`);
    return { en: `IPVS's ${r.ipvs.scheduler} (${name('en')})`, ko: `IPVS의 ${r.ipvs.scheduler}(${name('ko')})` };
  }
  const algorithm = r.decision?.algorithm ?? run.scenario.algorithm;
  return both((lang) =>
    lang === 'en' ? `nginx's ${translate(lang, `algorithm.${algorithm}`)}` : `nginx의 ${translate(lang, `algorithm.${algorithm}`)}`,
  );
}

/** Which server gets request `id`? Asked before it reaches the balancer; shown when it does. */
export function nextServerQuiz(id: number, question?: Said, why?: (run: RunView, server: string) => Said): Quiz {
  return {
    // Who picks depends on the layer (IPVS in L4, nginx in L7): the question leaves it to the step.
    question: question ?? {
      en: `Request #${id} is on its way to the balancer. Which server will it go to?`,
      ko: `요청 #${withParticle(id, '가')} 로드밸런서로 가는 중입니다. 어느 서버로 갈까요?`,
    },
    ask(run) {
      const r = rec(run, id);
      // No server: an L7 balancer answers with its own status (502, 504); an L4 one resets the connection.
      const server = r.server ?? (r.status === null ? 'RST' : String(r.status));
      const names = run.scenario.servers.map((s) => s.name);
      const who = whoPicked(run, r);
      return {
        ...choicesWith(server, names),
        why: why
          ? why(run, server)
          : {
              en: `${who.en} picked ${server}. "${UI.why.en}" shows the numbers it compared.`,
              ko: `${withParticle(who.ko, '가')} ${withParticle(server, '를')} 골랐습니다. '${UI.why.ko}'에서 비교한 숫자를 볼 수 있습니다.`,
            },
        revealAt: atBalancer(run, id),
        revealSelect: id,
      };
    },
  };
}

/** Where does the client send request `id`? (Always the VIP: DNS never names a server.) */
export function clientDestinationQuiz(id: number): Quiz {
  return {
    question: {
      en: `The client is about to send request #${id}. Which address does it put as the destination?`,
      ko: `클라이언트가 곧 요청 #${withParticle(id, '를')} 보냅니다. 목적지 주소로 무엇을 적을까요?`,
    },
    ask(run) {
      const h = hopOf(run, id, (x) => isClient(x.node) && x.dir === 'request' && x.out !== null, 'leaving the client');
      const servers = run.scenario.servers.map((s) => `${s.ip}:${s.port}`);
      return {
        ...choicesWith(h.out!.dst, [...servers.slice(0, 2), `${run.scenario.network.balancerIps[0]}:${run.scenario.network.vipPort}`]),
        why: {
          en: `DNS answered with the VIP, ${h.out!.dst.split(':')[0]}: the client never learns a server's own address.`,
          ko: `DNS가 VIP(${h.out!.dst.split(':')[0]})를 알려 주었으므로, 클라이언트는 서버의 실제 주소를 끝내 모릅니다.`,
        },
        revealAt: clientSends(run, id),
        revealSelect: id,
      };
    },
  };
}

/** After the balancer rewrites request `id`, where is it going? */
export function requestDestinationQuiz(id: number): Quiz {
  return {
    question: {
      en: `Request #${id} is on its way to the VIP. When the balancer has rewritten it, what will its destination be?`,
      ko: `요청 #${withParticle(id, '가')} VIP로 가는 중입니다. 로드밸런서가 주소를 바꾼 뒤, 목적지는 무엇일까요?`,
    },
    ask(run) {
      const r = rec(run, id);
      const h = hopOf(run, id, (x) => isBalancer(x.node) && x.dir === 'request' && x.out !== null, 'leaving a balancer');
      const wrong = [
        r.nat?.vip ?? '',
        `${r.client}:${r.nat?.client.split(':')[1] ?? ''}`,
        ...run.scenario.servers.map((s) => `${s.ip}:${s.port}`),
      ];
      const port = (a: string) => a.split(':')[1] ?? '';
      // Linux SNAT keeps the client's port unless that would clash with a connection already open to the server.
      const kept = port(h.out!.src) === port(h.in?.src ?? '');
      const ports: Said =
        run.scenario.mode !== 'L4'
          ? { en: '', ko: '' }
          : kept
            ? {
                en: ` It kept the client's own port, ${port(h.out!.src)}: no other connection to that server used it.`,
                ko: ` 포트는 클라이언트의 것(${port(h.out!.src)}) 그대로입니다. 그 서버로 가는 다른 연결이 이 포트를 쓰고 있지 않기 때문입니다.`,
              }
            : {
                en: ` The client's port, ${port(h.in?.src ?? '')}, was already in use toward that server, so it took another, ${port(h.out!.src)}.`,
                ko: ` 클라이언트의 포트(${port(h.in?.src ?? '')})는 그 서버로 가는 다른 연결이 이미 쓰고 있어서 다른 포트(${port(h.out!.src)})를 골랐습니다.`,
              };
      return {
        ...choicesWith(h.out!.dst, wrong.filter(Boolean).slice(0, 4)),
        why: {
          en: `The balancer picked ${r.server} and rewrote the destination from the VIP to ${h.out!.dst}; the source became ${h.out!.src}.${ports.en}`,
          ko: `로드밸런서가 ${withParticle(r.server ?? '', '를')} 고르고 목적지를 VIP에서 ${withParticle(h.out!.dst, '로')} 바꿨습니다. 출발지는 ${withParticle(h.out!.src, '가')} 되었습니다.${ports.ko}`,
        },
        revealAt: atBalancer(run, id),
        revealSelect: id,
      };
    },
  };
}

/** The server's answer to `id` reaches the balancer: where does it go after? */
export function responseDestinationQuiz(id: number): Quiz {
  return {
    question: {
      en: `The server's answer to request #${id} reaches the balancer. After the balancer rewrites it, what is its destination?`,
      ko: `요청 #${id}에 대한 서버의 응답이 로드밸런서에 도착했습니다. 로드밸런서가 주소를 바꾼 뒤, 목적지는 무엇일까요?`,
    },
    ask(run) {
      const r = rec(run, id);
      const h = hopOf(
        run,
        id,
        (x) => isBalancer(x.node) && x.dir === 'response' && x.out !== null && !x.drop,
        'answered through a balancer',
      );
      return {
        ...choicesWith(h.out!.dst, [r.nat?.vip ?? '', r.nat?.server ?? '', r.nat?.local ?? ''].filter(Boolean)),
        why: {
          en: `The NAT table remembered that this flow came from ${h.out!.dst}: the destination goes back to the client, and the source becomes the VIP (${h.out!.src}), so the client sees an answer from the address it called.`,
          ko: `NAT 테이블이 이 흐름이 ${h.out!.dst}에서 왔다는 것을 기억합니다. 목적지는 다시 클라이언트로, 출발지는 VIP(${h.out!.src})로 바뀌어, 클라이언트는 자기가 부른 주소에서 답이 온 것으로 봅니다.`,
        },
        revealAt: balancerAnswers(run, id),
        revealSelect: id,
      };
    },
  };
}
