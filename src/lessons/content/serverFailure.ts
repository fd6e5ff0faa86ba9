import serverFailureScenario from '../../scenarios/server-failure.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { atBalancer, eventAt, firstRecord, healthAt } from '../moments.ts';
import type { Lesson } from '../types.ts';

const refusedBy = (server: string) => (r: { hops: { node: string; drop?: string }[] }) => r.hops.some((h) => h.node === server && h.drop === 'refused');

export const serverFailure: Lesson = {
  id: 'server-failure',
  section: 'failover',
  title: { en: 'A server fails', ko: '서버 한 대가 고장 나면' },
  summary: { en: 'Until the balancer notices, requests still reach the dead server.', ko: '로드밸런서가 알아채기 전까지, 요청은 고장 난 서버로 계속 갑니다.' },
  steps: [
    {
      title: { en: 's2 stops', ko: 's2가 멈춥니다' },
      body: {
        en: 'At 5 s the program on s2 dies: the machine still answers, but refuses connections (RST). The balancer has not noticed yet. Scale-out keeps the service up only if it stops sending to s2.',
        ko: '5초에 s2의 프로그램이 죽습니다. 기계는 응답하지만 연결을 거부합니다(RST). 로드밸런서는 아직 모릅니다. 스케일 아웃이 서비스를 지키려면 s2로 보내는 것을 멈춰야 합니다.',
      },
      scenario: serverFailureScenario as ScenarioInput,
      at: (run) => eventAt(run, 'fail', 's2'),
      highlight: ['servers', 'health'],
    },
    {
      title: { en: 'A request still goes to s2', ko: '요청이 여전히 s2로 갑니다' },
      body: {
        en: 'The next request given to s2 is refused. nginx tries the next server (proxy_next_upstream), so the client still gets its answer, later; and with max_fails 1 it counts s2 as failed for fail_timeout (10 s) — that is the passive check.',
        ko: 's2로 간 다음 요청은 거부됩니다. nginx는 다음 서버로 다시 시도하므로(proxy_next_upstream) 클라이언트는 조금 늦게라도 응답을 받습니다. max_fails가 1이므로 nginx는 fail_timeout(10초) 동안 s2를 실패로 봅니다. 이것이 수동(passive) 검사입니다.',
      },
      at: (run) => atBalancer(run, firstRecord(run, refusedBy('s2'), 'was refused by s2').id),
      select: (run) => firstRecord(run, refusedBy('s2'), 'was refused by s2').id,
      highlight: ['inspector', 'event-log'],
    },
    {
      title: { en: 'Active health checks', ko: '능동(active) 헬스 체크' },
      body: {
        en: 'Each balancer also probes every server every 2 s. A probe to s2 fails; the balancer marks s2 down only after "fall" failed probes in a row, so as not to react to one lost packet.',
        ko: '각 로드밸런서는 2초마다 모든 서버를 검사합니다. s2로의 검사가 실패해도, 패킷 하나가 사라진 것에 흔들리지 않도록 연속 \'fall\'번 실패한 뒤에야 s2를 down으로 표시합니다.',
      },
      at: (run) => eventAt(run, 'fail', 's2') + 100,
      highlight: ['lb1', 'health'],
      quiz: {
        question: { en: 'How many failed probes in a row until lb1 marks s2 down?', ko: 'lb1이 s2를 down으로 표시하기까지 연속으로 몇 번 실패해야 할까요?' },
        ask(run) {
          const failedAt = eventAt(run, 'fail', 's2');
          const downAt = healthAt(run, 'lb1', 's2', 'down');
          const failed = run.trace.probes.filter((p) => p.balancer === 'lb1' && p.server === 's2' && !p.ok && p.at >= failedAt && p.doneAt <= downAt).length;
          const choices = [...new Set([1, 2, failed, 5])].sort((a, b) => a - b).map(String);
          return {
            choices,
            answer: choices.indexOf(String(failed)),
            why: {
              en: `${failed}: the health check's "fall" setting. lb1 marked s2 down at ${(downAt / 1000).toFixed(1)} s, ${((downAt - failedAt) / 1000).toFixed(1)} s after it failed. In that window requests could still be sent to s2.`,
              ko: `${failed}번: 헬스 체크의 'fall' 설정입니다. lb1은 s2가 고장 나고 ${((downAt - failedAt) / 1000).toFixed(1)}초 뒤인 ${(downAt / 1000).toFixed(1)}초에 s2를 down으로 표시했습니다. 그 사이에는 요청이 s2로 갈 수 있었습니다.`,
            },
            revealAt: downAt,
          };
        },
      },
    },
    {
      title: { en: 'Back in service', ko: '다시 서비스로' },
      body: {
        en: 's2 is restored at 18 s. After "rise" good probes in a row the balancer marks it up and sends it requests again. With no healthy server at all, the balancer would answer 503 itself.',
        ko: 's2는 18초에 복구됩니다. 연속 \'rise\'번 검사에 성공하면 로드밸런서가 up으로 표시하고 다시 요청을 보냅니다. 건강한 서버가 하나도 없다면 로드밸런서가 직접 503으로 답합니다.',
      },
      at: (run) => healthAt(run, 'lb1', 's2', 'up'),
      highlight: ['health', 'servers'],
    },
  ],
};
