import wrr from '../../scenarios/weighted-round-robin.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { atBalancer, before } from '../moments.ts';
import { nextServerQuiz } from '../quizzes.ts';
import type { Lesson } from '../types.ts';
import { UI } from '../names.ts';

/** The file runs in L4 (IPVS's wrr); the same requests through nginx (L7) show its smooth order. */
const l4 = wrr as ScenarioInput;
export const wrrNginx: ScenarioInput = { ...l4, mode: 'L7' };

export const weightedRoundRobin: Lesson = {
  id: 'weighted-round-robin',
  section: 'algorithms',
  title: { en: 'Weighted round robin for unequal servers', ko: '성능이 다른 서버엔 가중 라운드로빈' },
  summary: {
    en: "Heavier servers get more requests: five in a row from the kernel's IPVS (L4), spread out by nginx (L7).",
    ko: '가중치가 큰 서버가 더 많이 받습니다. 커널의 IPVS(L4)는 연달아, nginx(L7)는 고르게 섞어서.',
  },
  steps: [
    {
      title: { en: 'Weights', ko: '가중치' },
      body: {
        en: "s1 is five times as powerful as s2 and s3, so it has weight 5; the others have 1. Over every seven requests s1 should get five. Who picks depends on the layer: in L4 the Linux kernel's IPVS with its wrr scheduler, in L7 nginx. They agree on the shares, not on the order.",
        ko: 's1은 s2, s3보다 다섯 배 강력해서 가중치가 5이고, 나머지는 1입니다. 요청 일곱 개마다 s1이 다섯 개를 받아야 합니다. 누가 고르는지는 계층에 달려 있습니다. L4에서는 리눅스 커널의 IPVS가 wrr 스케줄러로, L7에서는 nginx가 고릅니다. 둘은 비율은 같지만 순서는 다릅니다.',
      },
      scenario: l4,
      at: (run) => atBalancer(run, 1),
      select: () => 1,
      highlight: ['server-controls', 'servers'],
    },
    {
      title: { en: "IPVS's weighted round robin (L4)", ko: 'IPVS의 가중 라운드로빈 (L4)' },
      body: {
        en: `This run is L4. IPVS keeps one current weight, cw, which starts at the largest weight, 5. It walks the list s1, s2, s3 and takes every server whose weight is at least cw; at the end of each walk cw steps down by the weights' greatest common divisor (1 here). "${UI.why.en}" shows cw for each pick.`,
        ko: `이 실행은 L4입니다. IPVS는 현재 가중치 cw 하나를 두는데, 가장 큰 가중치인 5에서 시작합니다. 목록 s1, s2, s3을 차례로 훑으며 가중치가 cw 이상인 서버를 고르고, 한 바퀴가 끝날 때마다 cw를 가중치들의 최대공약수(여기서는 1)만큼 줄입니다. '${UI.why.ko}'에서 매번의 cw를 볼 수 있습니다.`,
      },
      at: (run) => atBalancer(run, 2),
      select: () => 2,
      highlight: ['why'],
    },
    {
      title: { en: 'Predict the sixth pick (L4)', ko: '여섯 번째 선택을 예측하기 (L4)' },
      body: {
        en: `s1 took the first five requests: cw went 5, 4, 3, 2, 1, and only s1's weight reached it. Work out where #6 goes from cw in "${UI.why.en}".`,
        ko: `s1이 처음 다섯 요청을 모두 가져갔습니다. cw가 5, 4, 3, 2, 1로 내려가는 동안 그 값에 닿는 가중치는 s1뿐이었습니다. '${UI.why.ko}'의 cw로 #6이 어디로 갈지 계산해 보세요.`,
      },
      at: (run) => before(run, atBalancer(run, 6)),
      highlight: ['why', 'servers'],
      quiz: nextServerQuiz(6),
    },
    {
      title: { en: "nginx's smooth weighted round robin (L7)", ko: 'nginx의 스무스(smooth) 가중 라운드로빈 (L7)' },
      body: {
        en: `The same requests in L7, where nginx picks. nginx does not send five in a row to s1: each time, every server adds its weight to a running current weight; the greatest wins and gives back the total. "${UI.why.en}" shows the arithmetic for each pick.`,
        ko: `같은 요청을 L7에서 보냅니다. 여기서는 nginx가 고릅니다. nginx는 s1에 다섯 개를 연달아 보내지 않습니다. 매번 모든 서버가 자기 가중치를 현재 가중치에 더하고, 가장 큰 서버가 뽑힌 뒤 전체 합만큼 뺍니다. '${UI.why.ko}'에서 매번의 계산을 볼 수 있습니다.`,
      },
      scenario: wrrNginx,
      at: (run) => atBalancer(run, 1),
      select: () => 1,
      highlight: ['layer', 'why'],
    },
    {
      title: { en: 'Predict the next pick (L7)', ko: '다음 선택을 예측하기 (L7)' },
      body: {
        en: `s1 took the first request. Use the numbers in "${UI.why.en}" to work out the second.`,
        ko: `첫 요청은 s1이 가져갔습니다. '${UI.why.ko}'의 숫자로 두 번째를 계산해 보세요.`,
      },
      at: (run) => before(run, atBalancer(run, 2)),
      highlight: ['why'],
      quiz: nextServerQuiz(2),
    },
    {
      title: { en: 'And the third (L7)', ko: '세 번째는 (L7)' },
      body: {
        en: "After two picks for s1, the light servers' current weights have grown.",
        ko: 's1이 두 번 뽑힌 뒤, 가벼운 서버들의 현재 가중치가 커졌습니다.',
      },
      at: (run) => before(run, atBalancer(run, 3)),
      highlight: ['why'],
      quiz: nextServerQuiz(3),
    },
    {
      title: { en: 'Five, one, one', ko: '다섯, 하나, 하나' },
      body: {
        en: "After seven requests s1 has five, s2 and s3 one each: exactly the weights, in either layer. nginx slipped s2 and s3 in between (s1 s1 s2 s1 s3 s1 s1); IPVS gave s1 five in a row, then s2, then s3. The statistics' ticks mark the shares the weights give.",
        ko: '요청 일곱 개 뒤 s1은 다섯, s2와 s3은 하나씩: 어느 계층에서든 가중치 그대로입니다. nginx는 s2와 s3을 사이사이에 끼워 넣었고(s1 s1 s2 s1 s3 s1 s1), IPVS는 s1에 다섯 개를 연달아 준 뒤 s2, s3에 주었습니다. 통계의 눈금이 가중치가 정하는 비율을 보여 줍니다.',
      },
      at: (run) => run.trace.end,
      highlight: ['stats'],
    },
  ],
};
