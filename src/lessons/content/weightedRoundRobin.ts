import wrr from '../../scenarios/weighted-round-robin.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { atBalancer, before } from '../moments.ts';
import { nextServerQuiz } from '../quizzes.ts';
import type { Lesson } from '../types.ts';
import { UI } from '../names.ts';

export const weightedRoundRobin: Lesson = {
  id: 'weighted-round-robin',
  section: 'algorithms',
  title: { en: 'Weighted round robin for unequal servers', ko: '성능이 다른 서버엔 가중 라운드로빈' },
  summary: {
    en: 'Heavier servers get more requests, spread out smoothly.',
    ko: '가중치가 큰 서버가 더 많이, 고르게 섞여서 받습니다.',
  },
  steps: [
    {
      title: { en: 'Weights', ko: '가중치' },
      body: {
        en: 's1 is five times as powerful as s2 and s3, so it has weight 5; the others have 1. Over every seven requests s1 should get five. You can change the weights in the server controls.',
        ko: 's1은 s2, s3보다 다섯 배 강력해서 가중치가 5이고, 나머지는 1입니다. 요청 일곱 개마다 s1이 다섯 개를 받아야 합니다. 가중치는 서버 조작에서 바꿀 수 있습니다.',
      },
      scenario: wrr as ScenarioInput,
      at: (run) => atBalancer(run, 1),
      select: () => 1,
      highlight: ['server-controls', 'servers'],
    },
    {
      title: { en: "nginx's smooth weighted round robin", ko: 'nginx의 스무스(smooth) 가중 라운드로빈' },
      body: {
        en: `nginx does not send five in a row to s1. Each time, every server adds its weight to a running current weight; the greatest wins and gives back the total. "${UI.why.en}" shows the arithmetic for each pick.`,
        ko: `nginx는 s1에 다섯 개를 연달아 보내지 않습니다. 매번 모든 서버가 자기 가중치를 현재 가중치에 더하고, 가장 큰 서버가 뽑힌 뒤 전체 합만큼 뺍니다. '${UI.why.ko}'에서 매번의 계산을 볼 수 있습니다.`,
      },
      at: (run) => atBalancer(run, 1),
      select: () => 1,
      highlight: ['why'],
    },
    {
      title: { en: 'Predict the next pick', ko: '다음 선택을 예측하기' },
      body: {
        en: `s1 took the first request. Use the numbers in "${UI.why.en}" to work out the second.`,
        ko: `첫 요청은 s1이 가져갔습니다. '${UI.why.ko}'의 숫자로 두 번째를 계산해 보세요.`,
      },
      at: (run) => before(run, atBalancer(run, 2)),
      highlight: ['why'],
      quiz: nextServerQuiz(2),
    },
    {
      title: { en: 'And the third', ko: '세 번째는' },
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
        en: "After seven requests s1 has five, s2 and s3 one each: exactly the weights, and s2 and s3 were slipped in between, not left to the end. The statistics' ticks mark the shares the weights give.",
        ko: '요청 일곱 개 뒤 s1은 다섯, s2와 s3은 하나씩: 가중치 그대로입니다. s2와 s3은 맨 끝이 아니라 사이사이에 끼어 들어갔습니다. 통계의 눈금이 가중치가 정하는 비율을 보여 줍니다.',
      },
      at: (run) => run.trace.end,
      highlight: ['stats'],
    },
  ],
};
