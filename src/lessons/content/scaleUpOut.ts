import oneServer from '../../scenarios/scale-up-one-server.json';
import scaleOut from '../../scenarios/scale-out.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { compareScaling } from '../../experiments/scaling.ts';
import { atServer, clientGets } from '../moments.ts';
import type { Lesson } from '../types.ts';
import { UI } from '../names.ts';
import { overloadSteps } from './overload.ts';

export const scaleUpOut: Lesson = {
  id: 'scale-up-out',
  section: 'scaling',
  title: { en: 'Scale-up against scale-out', ko: '스케일 업과 스케일 아웃' },
  summary: {
    en: 'Growing traffic: a bigger machine, or more machines?',
    ko: '트래픽이 늘면 더 큰 서버? 아니면 더 많은 서버?',
  },
  steps: [
    {
      title: { en: 'One server, too much traffic', ko: '서버 하나, 너무 많은 트래픽' },
      body: {
        en: 'Thirty requests a second reach a single server that can work on only a few at once. The rest wait in its queue, and every client waits longer. Look at the latency in the statistics.',
        ko: '초당 30개의 요청이 한 번에 몇 개밖에 처리하지 못하는 서버 한 대로 몰립니다. 나머지는 대기열에서 기다리고, 모든 클라이언트의 응답이 늦어집니다. 통계의 응답 시간을 보세요.',
      },
      scenario: oneServer as ScenarioInput,
      at: (run) => clientGets(run, 60),
      select: () => 60,
      highlight: ['servers', 'stats'],
    },
    {
      title: { en: 'Scale-out: three servers share the work', ko: '스케일 아웃: 서버 세 대가 일을 나눕니다' },
      body: {
        en: 'The same traffic, now spread by a load balancer over three servers of the same size. Each gets a third of the requests, the queues stay short and the answers come back sooner. Adding machines is scale-out (horizontal scaling).',
        ko: '같은 트래픽을 이제 로드밸런서가 같은 크기의 서버 세 대에 나눠 줍니다. 각 서버는 요청의 3분의 1만 받으니 대기열이 짧고 응답이 빨라집니다. 서버를 늘리는 것이 스케일 아웃(수평 확장)입니다.',
      },
      scenario: scaleOut as ScenarioInput,
      at: (run) => atServer(run, 60),
      select: () => 60,
      highlight: ['servers', 'stats'],
    },
    {
      title: { en: 'Scale-up, and what a failure costs', ko: '스케일 업, 그리고 장애의 대가' },
      body: {
        en: `Scale-up (vertical scaling) makes the one server bigger instead. "${UI.scaling.en}" runs both on the same traffic: one large machine four times as fast, against four small ones, healthy and with one machine failing for a while. Large machines cost more for the same work, and when the only machine fails, nothing is left to answer.`,
        ko: `스케일 업(수직 확장)은 서버를 늘리는 대신 한 대를 더 좋게 만드는 방법입니다. '${UI.scaling.ko}' 패널은 같은 트래픽으로 네 배 빠른 큰 서버 한 대와 작은 서버 네 대를 비교합니다. 모두 정상일 때와 한 대가 잠시 고장 났을 때를 각각 봅니다. 큰 서버는 같은 일을 하는 데 돈이 더 들고, 하나뿐인 서버가 고장 나면 응답할 곳이 없습니다.`,
      },
      at: (run) => atServer(run, 60),
      highlight: ['scaling'],
      quiz: {
        question: {
          en: 'One machine fails for 30% of the run. Which design answers more requests: one large server, or four small ones?',
          ko: '실행 시간의 30% 동안 서버 한 대가 고장 납니다. 큰 서버 한 대와 작은 서버 네 대 중 어느 쪽이 더 많은 요청에 응답할까요?',
        },
        ask(run) {
          const failing = compareScaling().filter((f) => f.failing);
          const up = failing.find((f) => f.design === 'scale-up')!,
            out = failing.find((f) => f.design === 'scale-out')!;
          const choices = [
            { en: 'One large server (scale-up)', ko: '큰 서버 한 대 (스케일 업)' },
            { en: 'Four small servers (scale-out)', ko: '작은 서버 네 대 (스케일 아웃)' },
          ];
          return {
            choices,
            answer: out.ok >= up.ok ? 1 : 0,
            why: {
              en: `With one machine down, scale-out still answered ${out.ok} of ${out.requests}; scale-up answered ${up.ok} of ${up.requests}. The other small servers carried on while the large one's failure stopped everything. Open "${UI.scaling.en}" to see all the figures.`,
              ko: `한 대가 고장 났을 때 스케일 아웃은 ${out.requests}개 중 ${out.ok}개에 응답했고, 스케일 업은 ${up.requests}개 중 ${up.ok}개에 응답했습니다. 작은 서버는 한 대가 멈춰도 나머지가 일을 이어 갔지만, 큰 서버는 하나뿐이라 그 서버가 멈추자 모든 것이 멈췄습니다. '${UI.scaling.ko}' 패널을 열어 전체 수치를 보세요.`,
            },
            revealAt: atServer(run, 60),
          };
        },
      },
    },
    ...overloadSteps,
  ],
};
