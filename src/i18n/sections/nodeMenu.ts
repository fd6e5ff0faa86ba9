/** The card a click on a server or a balancer on the drawing opens beside it. */
export const en = {
  'nodeMenu.server': 'Server {name}',
  'nodeMenu.balancer': 'Balancer {name}',
  'nodeMenu.close': 'Close',
  'nodeMenu.failed': '✗ failed',
  'nodeMenu.removed': 'taken out of the upstream',
  'nodeMenu.lighter': 'Weight of {name} minus 1',
  'nodeMenu.heavier': 'Weight of {name} plus 1',
  'nodeMenu.hint': 'Each change is an event at {time} ms, in the run’s history.',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'nodeMenu.server': '서버 {name}',
  'nodeMenu.balancer': '로드밸런서 {name}',
  'nodeMenu.close': '닫기',
  'nodeMenu.failed': '✗ 장애',
  'nodeMenu.removed': '업스트림에서 제외됨',
  'nodeMenu.lighter': '{name}의 가중치 1 줄이기',
  'nodeMenu.heavier': '{name}의 가중치 1 늘리기',
  'nodeMenu.hint': '바꿀 때마다 {time} ms에 일어난 일로 실행 기록에 남습니다.',
};
