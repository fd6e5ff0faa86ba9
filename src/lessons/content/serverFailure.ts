import serverFailureScenario from '../../scenarios/server-failure.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { atBalancer, eventAt, firstRecord, healthAt } from '../moments.ts';
import type { Lesson, RunView } from '../types.ts';

const refusedBy = (server: string) => (r: { hops: { node: string; drop?: string }[] }) =>
  r.hops.some((h) => h.node === server && h.drop === 'refused');

/** The requests that reached `server` (refused or not) from `from` until `to`. */
export function sentTo(run: RunView, server: string, from: number, to: number): number[] {
  return run.trace.records
    .filter((r) => r.hops.some((h) => h.node === server && h.dir === 'request' && h.in !== null && h.at >= from && h.at < to))
    .map((r) => r.id);
}

export const serverFailure: Lesson = {
  id: 'server-failure',
  section: 'failover',
  title: { en: 'A server fails', ko: '서버 한 대가 고장 나면' },
  summary: {
    en: "How the balancer notices: a failed request (nginx's passive check) and failed probes (HAProxy's active checks).",
    ko: '로드밸런서가 알아채는 두 가지 방법: 실패한 요청(nginx의 수동 검사)과 실패한 검사(HAProxy의 능동 헬스 체크).',
  },
  steps: [
    {
      title: { en: 's2 stops', ko: 's2가 멈춥니다' },
      body: {
        en: 'At 5 s the program on s2 dies: the machine still answers, but refuses connections (RST). The balancer, nginx as an L7 proxy here, has not noticed yet. Scale-out keeps the service up only if it stops sending to s2.',
        ko: '5초에 s2의 프로그램이 죽습니다. 기계는 응답하지만 연결을 거부합니다(RST). 여기서 로드밸런서는 L7 프록시인 nginx이고, 아직 이 사실을 모릅니다. 스케일 아웃이 서비스를 지키려면 s2로 보내는 것을 멈춰야 합니다.',
      },
      scenario: serverFailureScenario as ScenarioInput,
      at: (run) => eventAt(run, 'fail', 's2'),
      highlight: ['servers', 'health'],
    },
    {
      title: { en: 'A request still goes to s2', ko: '요청이 여전히 s2로 갑니다' },
      body: {
        en: "The next request given to s2 is refused. nginx tries the next server (proxy_next_upstream), so the client still gets its answer, a little later. That one failed attempt is enough for nginx's passive check: with max_fails=1 and fail_timeout=10s it skips s2 for the next 10 s. (An L4 balancer could not retry: it passes the client's own connection through, so s2's RST would reach the client.)",
        ko: 's2로 간 다음 요청은 거부됩니다. nginx는 다음 서버로 다시 시도하므로(proxy_next_upstream) 클라이언트는 조금 늦게라도 응답을 받습니다. nginx의 수동(passive) 검사에는 이 한 번의 실패로 충분합니다. max_fails가 1, fail_timeout이 10초이므로 nginx는 그 뒤 10초 동안 s2를 건너뜁니다. (L4 로드밸런서는 다시 시도할 수 없습니다. 클라이언트의 연결을 그대로 넘겨주므로 s2의 RST가 클라이언트에게 갑니다.)',
      },
      at: (run) => atBalancer(run, firstRecord(run, refusedBy('s2'), 'was refused by s2').id),
      select: (run) => firstRecord(run, refusedBy('s2'), 'was refused by s2').id,
      highlight: ['inspector'],
    },
    {
      title: { en: 'Active health checks (HAProxy)', ko: '능동(active) 헬스 체크 (HAProxy)' },
      body: {
        en: "Active health checks are HAProxy's (open-source nginx has none): each balancer also probes every server every 2 s, whether requests fail or not. A probe to s2 fails; since s2 had passed its earlier probes, HAProxy marks it down only after `fall` failed probes in a row, so as not to react to one lost packet. (A server that has not passed a probe yet goes down at its first failure.)",
        ko: '능동 헬스 체크는 HAProxy의 기능입니다(오픈 소스 nginx에는 없습니다). 각 로드밸런서는 요청의 성공 여부와 상관없이 2초마다 모든 서버를 검사합니다. s2로의 검사가 실패해도, s2는 앞선 검사를 통과했으므로 HAProxy는 패킷 하나가 사라진 것에 흔들리지 않도록 연속 `fall`번 실패한 뒤에야 s2를 down으로 표시합니다. (아직 한 번도 검사를 통과하지 못한 서버는 첫 실패에 바로 down이 됩니다.)',
      },
      at: (run) => eventAt(run, 'fail', 's2') + 100,
      highlight: ['lb1', 'health'],
      quiz: {
        question: {
          en: 'How many failed probes in a row until lb1 marks s2 down?',
          ko: 'lb1이 s2를 down으로 표시하기까지 연속으로 몇 번 실패해야 할까요?',
        },
        ask(run) {
          const failedAt = eventAt(run, 'fail', 's2');
          const downAt = healthAt(run, 'lb1', 's2', 'down');
          const failed = run.trace.probes.filter(
            (p) => p.balancer === 'lb1' && p.server === 's2' && !p.ok && p.at >= failedAt && p.doneAt <= downAt,
          ).length;
          const reached = sentTo(run, 's2', failedAt, downAt).length;
          const choices = [...new Set([1, 2, failed, 5])].sort((a, b) => a - b).map(String);
          const s = (ms: number) => (ms / 1000).toFixed(1);
          return {
            choices,
            answer: choices.indexOf(String(failed)),
            why: {
              en: `${failed}: the health check's \`fall\` setting. lb1 marked s2 down at ${s(downAt)} s, ${s(downAt - failedAt)} s after it failed. By the probes alone, requests could still have gone to s2 in that window; nginx's passive check had already set s2 aside after the refused request, so ${reached} request${reached === 1 ? '' : 's'} reached s2 in all.`,
              ko: `${failed}번: 헬스 체크의 \`fall\` 설정입니다. lb1은 s2가 고장 나고 ${s(downAt - failedAt)}초 뒤인 ${s(downAt)}초에 s2를 down으로 표시했습니다. 능동 검사만으로는 그 사이에도 요청이 s2로 갈 수 있었지만, nginx의 수동 검사가 거부된 요청 뒤에 s2를 이미 빼 두었기 때문에 그동안 s2에 닿은 요청은 모두 ${reached}개였습니다.`,
            },
            revealAt: downAt,
          };
        },
      },
    },
    {
      title: { en: 'Back in service', ko: '다시 서비스로' },
      body: {
        en: "s2 is restored at 18 s. After `rise` passed probes in a row the balancer marks it up and sends it requests again. Had no server been left at all, nginx would have answered the client itself: 502 Bad Gateway (504 Gateway Timeout when its last try timed out). An L4 balancer speaks no HTTP: it would answer the client's connection attempt (SYN) with a reset.",
        ko: 's2는 18초에 복구됩니다. 연속 `rise`번 검사를 통과하면 로드밸런서가 up으로 표시하고 다시 요청을 보냅니다. 만약 남은 서버가 하나도 없었다면 nginx가 직접 502 Bad Gateway로 답했을 것입니다(마지막 시도가 시간 초과였다면 504 Gateway Timeout). L4 로드밸런서는 HTTP를 말하지 않으므로, 클라이언트의 연결 시도(SYN)에 리셋(RST)으로 답합니다.',
      },
      at: (run) => healthAt(run, 'lb1', 's2', 'up'),
      highlight: ['health', 'servers'],
    },
  ],
};
