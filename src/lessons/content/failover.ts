import failoverScenario from '../../scenarios/failover.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { eventAt, firstRecord, vrrpAt } from '../moments.ts';
import type { Lesson } from '../types.ts';

const reset = (run: Parameters<typeof eventAt>[0]) => firstRecord(run, (r) => r.outcome === 'reset', 'was reset');

export const failover: Lesson = {
  id: 'failover',
  section: 'failover',
  title: { en: 'Balancer failover: the VIP moves', ko: '로드밸런서 장애 조치: VIP가 옮겨 갑니다' },
  summary: { en: 'Two balancers, VRRP adverts, and the standby taking over.', ko: '로드밸런서 둘, VRRP 알림, 그리고 대기 장비의 인계.' },
  steps: [
    {
      title: { en: 'Two balancers, one VIP', ko: '로드밸런서 둘, VIP 하나' },
      body: {
        en: 'lb1 (priority 150) is the master and holds the VIP; lb2 (100) is the backup. Every second lb1 sends an advert to say it is alive. Watch the small VRRP packets between them.',
        ko: 'lb1(우선순위 150)이 마스터로 VIP를 갖고, lb2(100)는 백업입니다. lb1은 매초 살아 있다는 알림(advert)을 보냅니다. 둘 사이의 작은 VRRP 패킷을 보세요.',
      },
      scenario: failoverScenario as ScenarioInput,
      at: () => 2000,
      highlight: ['lb1', 'lb2', 'failover'],
    },
    {
      title: { en: 'lb1 dies', ko: 'lb1이 멈춥니다' },
      body: {
        en: 'At 8 s lb1 stops. lb2 hears no more adverts, but it waits: one late advert must not start a takeover.',
        ko: '8초에 lb1이 멈춥니다. lb2는 더 이상 알림을 받지 못하지만 기다립니다. 알림 하나가 늦었다고 인계를 시작하면 안 되니까요.',
      },
      at: (run) => eventAt(run, 'fail', 'lb1'),
      highlight: ['lb2', 'failover'],
      quiz: {
        question: { en: 'How long after lb1 dies does lb2 take over the VIP?', ko: 'lb1이 멈춘 뒤 몇 초 만에 lb2가 VIP를 넘겨받을까요?' },
        ask(run) {
          const failedAt = eventAt(run, 'fail', 'lb1');
          const takeover = vrrpAt(run, 'lb2', 'master', failedAt);
          const lastAdvert = Math.max(...run.trace.vrrp.filter((v) => v.balancer === 'lb1' && v.kind === 'advert' && v.at <= failedAt).map((v) => v.at));
          const b = run.scenario.balancers;
          const interval = (3 * b.advertIntervalMs + ((256 - b.priorities[1]) / 256) * b.advertIntervalMs) / 1000;
          const s = (x: number) => `${x.toFixed(1)} s`;
          const answer = s((takeover - failedAt) / 1000);
          // The textbook interval is a choice too: the run shows why the answer may be less.
          const choices = [...new Set(['0.0 s', '1.0 s', s(interval), answer, '10.0 s'])].sort((x, y) => parseFloat(x) - parseFloat(y));
          return {
            choices,
            answer: choices.indexOf(answer),
            why: {
              en: `${answer}. The backup waits the master-down interval, 3 × the advert interval + (256 − its priority) / 256 s = ${s(interval)}, counted from the last advert it heard (at ${s(lastAdvert / 1000)}, ${s((failedAt - lastAdvert) / 1000)} before lb1 died). Then it takes the VIP and announces it with a gratuitous ARP.`,
              ko: `${answer}. 백업은 마스터 다운 간격, 즉 3 × 알림 간격 + (256 − 자기 우선순위) / 256초 = ${s(interval)}를 기다립니다. 이 시간은 마지막으로 받은 알림(${s(lastAdvert / 1000)}, lb1이 멈추기 ${s((failedAt - lastAdvert) / 1000)} 전)부터 셉니다. 그 뒤 VIP를 가져가고 gratuitous ARP로 알립니다.`,
            },
            revealAt: takeover,
          };
        },
      },
    },
    {
      title: { en: 'Connections in flight are reset', ko: '진행 중이던 연결은 끊깁니다' },
      body: {
        en: 'lb2 now holds the VIP, but it never saw the connections lb1 was handling: when their answers reach it, it resets them, and those clients must try again. With connection-state sync on (in the failover panel), lb2 would have a copy of lb1\'s table and they would survive.',
        ko: '이제 lb2가 VIP를 갖지만, lb1이 처리하던 연결은 본 적이 없습니다. 그 연결의 응답이 도착하면 lb2는 연결을 끊고(reset), 클라이언트는 다시 시도해야 합니다. 장애 조치 패널에서 연결 상태 동기화를 켜면 lb2가 lb1의 테이블 사본을 갖고 있어 연결이 살아남습니다.',
      },
      at: (run) => reset(run).doneAt,
      select: (run) => reset(run).id,
      highlight: ['inspector', 'failover'],
    },
    {
      title: { en: 'lb1 comes back', ko: 'lb1이 돌아옵니다' },
      body: {
        en: 'lb1 is restored at 20 s. With its higher priority and preemption on, it takes the VIP back: traffic flows through lb1 again.',
        ko: 'lb1은 20초에 복구됩니다. 우선순위가 더 높고 선점(preemption)이 켜져 있으므로 VIP를 되찾고, 트래픽은 다시 lb1을 지나갑니다.',
      },
      at: (run) => vrrpAt(run, 'lb1', 'master', eventAt(run, 'restore', 'lb1')),
      highlight: ['vip', 'lb1'],
    },
  ],
};
