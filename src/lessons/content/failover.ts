import failoverScenario from '../../scenarios/failover.json';
import { withParticle } from '../../i18n/particle.ts';
import { masterDownMs } from '../../sim/balancer.ts';
import { isBalancer } from '../../sim/nodes.ts';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { eventAt, firstRecord, vrrpAt } from '../moments.ts';
import type { Said } from '../../sim/said.ts';
import type { Lesson } from '../types.ts';

/** A connection lb1 was handling whose answer reached a balancer that had no state for it. */
export const orphan = (run: Parameters<typeof eventAt>[0]) =>
  firstRecord(
    run,
    (r) => r.hops.some((h) => isBalancer(h.node) && h.dir === 'response' && h.drop === 'reset'),
    'was refused by a balancer without its state',
  );

/** Seconds with one decimal, each language its own way: "3.6 s", "3.6초". */
const seconds = (ms: number): Said => ({ en: `${(ms / 1000).toFixed(1)} s`, ko: `${(ms / 1000).toFixed(1)}초` });

export const failover: Lesson = {
  id: 'failover',
  section: 'failover',
  title: { en: 'Balancer failover: the VIP moves', ko: '로드밸런서 장애 조치: VIP가 옮겨 갑니다' },
  summary: {
    en: 'Two balancers, VRRP adverts, and the standby taking over.',
    ko: '로드밸런서 둘, VRRP 광고, 그리고 대기 장비의 인계.',
  },
  steps: [
    {
      title: { en: 'Two balancers, one VIP', ko: '로드밸런서 둘, VIP 하나' },
      body: {
        en: "lb1 (priority 150) is the master and holds the VIP; lb2 (100) is the backup. Every second lb1 sends an advert to say it is alive (keepalived's VRRP). Watch the small VRRP packets between them.",
        ko: 'lb1(우선순위 150)이 마스터로 VIP를 갖고, lb2(100)는 백업입니다. lb1은 매초 살아 있다는 광고(advert)를 보냅니다(keepalived의 VRRP). 둘 사이의 작은 VRRP 패킷을 보세요.',
      },
      scenario: failoverScenario as ScenarioInput,
      at: () => 2000,
      highlight: ['lb1', 'lb2', 'failover'],
    },
    {
      title: { en: 'lb1 dies', ko: 'lb1이 멈춥니다' },
      body: {
        en: 'At 8 s lb1 stops. lb2 hears no more adverts, but it waits: one late advert must not start a takeover.',
        ko: '8초에 lb1이 멈춥니다. lb2는 더 이상 광고를 받지 못하지만 기다립니다. 광고 하나가 늦었다고 인계를 시작하면 안 되니까요.',
      },
      at: (run) => eventAt(run, 'fail', 'lb1'),
      highlight: ['lb2', 'failover'],
      quiz: {
        question: {
          en: 'How long after lb1 dies does lb2 take over the VIP?',
          ko: 'lb1이 멈춘 뒤 몇 초 만에 lb2가 VIP를 넘겨받을까요?',
        },
        ask(run) {
          const failedAt = eventAt(run, 'fail', 'lb1');
          const takeover = vrrpAt(run, 'lb2', 'master', failedAt);
          const lastAdvert = run.trace.vrrp.reduce(
            (m, v) => (v.balancer === 'lb1' && v.kind === 'advert' && v.at <= failedAt ? Math.max(m, v.at) : m),
            -Infinity,
          );
          const b = run.scenario.balancers;
          // keepalived's master-down interval (VRRPv2 by default): 3 × advert_int + (256 − priority)/256 s.
          const interval = masterDownMs(b, b.priorities[1]);
          const answer = seconds(takeover - failedAt);
          // The textbook interval is a choice too: the run shows why the answer may be less.
          const all = [seconds(0), seconds(1000), seconds(interval), answer, seconds(10_000)];
          const choices = all
            .filter((c, i) => all.findIndex((x) => x.en === c.en) === i)
            .sort((x, y) => parseFloat(x.en) - parseFloat(y.en));
          const formula =
            b.version === 3
              ? {
                  en: '(256 − its priority) / 256 × the advert interval',
                  ko: '(256 − 자기 우선순위) / 256 × 광고 간격',
                }
              : { en: '(256 − its priority) / 256 s', ko: '(256 − 자기 우선순위) / 256초' };
          return {
            choices,
            answer: choices.findIndex((c) => c.en === answer.en),
            why: {
              en: `${answer.en}. The backup waits the master-down interval, 3 × the advert interval + ${formula.en} = ${seconds(interval).en}, counted from the last advert it heard (at ${seconds(lastAdvert).en}, ${seconds(failedAt - lastAdvert).en} before lb1 died). Then it takes the VIP and announces it with a gratuitous ARP.`,
              ko: `${answer.ko}. 백업은 마스터 다운 간격, 즉 3 × 광고 간격 + ${formula.ko} = ${withParticle(seconds(interval).ko, '을')} 기다립니다. 이 시간은 마지막으로 받은 광고(${seconds(lastAdvert).ko}, lb1이 멈추기 ${seconds(failedAt - lastAdvert).ko} 전)부터 셉니다. 그 뒤 VIP를 가져가고 gratuitous ARP로 알립니다.`,
            },
            revealAt: takeover,
          };
        },
      },
    },
    {
      title: { en: 'Connections in flight are lost', ko: '진행 중이던 연결은 잃습니다' },
      body: {
        en: "lb2 now holds the VIP, but it never saw the connections lb1 was handling. When the server's answer on one of them reaches lb2, lb2 has no entry for it in its connection table, so it refuses it (a reset, sent to the server). The client hears nothing: it waits until it gives up, and must try again. With connection-state sync on (in the failover panel), lb2 would have a copy of lb1's table and these connections would survive.",
        ko: '이제 lb2가 VIP를 갖지만, lb1이 처리하던 연결은 본 적이 없습니다. 그 연결의 서버 응답이 lb2에 도착하면, lb2의 연결 추적 테이블에는 그 연결이 없으므로 응답을 거부합니다(서버에게 RST). 클라이언트는 아무것도 받지 못한 채 기다리다 포기하고, 다시 시도해야 합니다. 장애 조치 패널에서 연결 상태 동기화를 켜면 lb2가 lb1의 테이블 사본을 갖고 있어 이런 연결이 살아남습니다.',
      },
      at: (run) => orphan(run).doneAt,
      select: (run) => orphan(run).id,
      highlight: ['inspector'],
    },
    {
      title: { en: 'lb1 comes back', ko: 'lb1이 돌아옵니다' },
      body: {
        en: "lb1 is restored at 20 s. It starts as a backup and listens. With its higher priority and preemption on, it ignores lb2's adverts (their priority is lower), so its own master-down timer runs out — about 3.4 s after it came back — and it takes the VIP back: traffic flows through lb1 again.",
        ko: 'lb1은 20초에 복구됩니다. 처음에는 백업으로 시작해 광고를 듣습니다. 우선순위가 더 높고 선점(preemption)이 켜져 있으므로 우선순위가 낮은 lb2의 광고는 무시하고, 자기 마스터 다운 타이머가 끝나면(돌아오고 약 3.4초 뒤) VIP를 되찾습니다. 트래픽은 다시 lb1을 지나갑니다.',
      },
      at: (run) => vrrpAt(run, 'lb1', 'master', eventAt(run, 'restore', 'lb1')),
      highlight: ['vip', 'lb1'],
    },
  ],
};
