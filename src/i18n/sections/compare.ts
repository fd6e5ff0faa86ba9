/** Scale-up against scale-out. */
export const en = {
  'scaling.label': 'Scale-up vs scale-out',
  'scaling.intro':
    'The same traffic ({rate} requests/s, {seconds} s) on one large server (4× as fast) or on four small ones, behind nginx (L7, least_conn). In the second pair of runs one machine fails at 40% of the time and comes back at 70%: nginx retries a refused request on another server and sets the failed one aside (max_fails).',
  'scaling.run': 'Run the comparison',
  'scaling.design': 'Design',
  'scaling.scale-up': 'Scale-up: 1 large server',
  'scaling.scale-out': 'Scale-out: 4 small servers',
  'scaling.healthy': 'all healthy',
  'scaling.failing': 'one machine fails',
  'scaling.answered': 'Answered',
  'scaling.throughput': 'Throughput (req/s)',
  'scaling.mean': 'Latency mean (ms)',
  'scaling.p95': 'Latency p95 (ms)',
  'scaling.cost': 'Cost per hour',
  'scaling.lesson':
    "One large machine answers each request faster, but costs more, and when it fails nothing answers. Several small ones cost less and keep serving when one fails — the notes' case for scale-out.",
} as const;

export const ko: Record<keyof typeof en, string> = {
  'scaling.label': '수직 확장(scale-up) vs 수평 확장(scale-out)',
  'scaling.intro':
    '같은 트래픽(초당 {rate}개 요청, {seconds}초)을 nginx(L7, least_conn) 뒤의 큰 서버 1대(4배 빠름) 또는 작은 서버 4대로 처리합니다. 두 번째 실행에서는 시간의 40% 지점에서 서버 한 대가 장애를 일으키고 70% 지점에서 돌아옵니다. nginx는 거부된 요청을 다른 서버로 다시 보내고, 장애가 난 서버를 잠시 빼 둡니다(max_fails).',
  'scaling.run': '비교 실행',
  'scaling.design': '구성',
  'scaling.scale-up': '수직 확장: 큰 서버 1대',
  'scaling.scale-out': '수평 확장: 작은 서버 4대',
  'scaling.healthy': '모두 정상',
  'scaling.failing': '서버 한 대 장애',
  'scaling.answered': '응답한 요청',
  'scaling.throughput': '처리량 (요청/초)',
  'scaling.mean': '평균 응답 시간 (ms)',
  'scaling.p95': '응답 시간 p95 (ms)',
  'scaling.cost': '시간당 비용',
  'scaling.lesson':
    '큰 서버 한 대는 요청 하나를 더 빨리 처리하지만 비용이 더 들고, 그 서버가 멈추면 아무도 응답하지 못합니다. 작은 서버 여러 대는 비용이 적게 들고 한 대가 멈춰도 서비스가 계속됩니다 — 노트에서 수평 확장이 더 좋다고 한 이유입니다.',
};
