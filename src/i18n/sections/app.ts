/** The page's frame: title, language, errors. */
export const en = {
  'app.title': 'Load Balancer Lab',
  'app.tagline': 'Watch requests cross the Virtual IP, see NAT rewrite them, and see how the kernel (L4) or nginx (L7) picks a server.',
  'lang.label': 'Language',
  'error.title': 'Something went wrong',
  'error.reload': 'Reload',
  'notice.dismiss': 'Dismiss',
  'run.progress': 'Simulating… {seconds} s of simulated time, {requests} requests so far',
  'run.cancel': 'Stop this run',
  'run.tooDeep': 'the scenario nests objects and lists deeper than {max} levels',
  'run.failed': 'the simulation failed and was stopped ({why}); the page keeps the run it had',
  'run.tooLong':
    'the simulation took longer than {seconds} s and was stopped: run fewer requests or a shorter scenario here, or use the command line',
  'algorithm.round-robin': 'round robin',
  'algorithm.weighted-round-robin': 'weighted round robin',
  'algorithm.ip-hash': 'IP hash',
  'algorithm.least-connections': 'least connections',
  'algorithm.weighted-least-connections': 'weighted least connections',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'app.title': '로드밸런서 랩',
  'app.tagline': '요청이 가상 IP(VIP)를 지나고, NAT가 주소를 바꾸고, 커널(L4)이나 nginx(L7)가 서버를 고르는 과정을 직접 보세요.',
  'lang.label': '언어',
  'error.title': '문제가 생겼습니다',
  'error.reload': '다시 불러오기',
  'notice.dismiss': '닫기',
  'run.progress': '시뮬레이션 중… 시뮬레이션 시간 {seconds}초, 지금까지 요청 {requests}개',
  'run.cancel': '이 실행 멈추기',
  'run.tooDeep': '시나리오의 객체와 목록이 {max}단계보다 깊게 중첩되어 있습니다',
  'run.failed': '시뮬레이션이 실패해 멈췄습니다({why}). 화면은 이전 실행을 그대로 둡니다',
  'run.tooLong': '시뮬레이션이 {seconds}초를 넘게 걸려 멈췄습니다: 여기서는 요청을 줄이거나 시나리오를 짧게 하거나, 명령줄을 쓰세요',
  'algorithm.round-robin': '라운드로빈',
  'algorithm.weighted-round-robin': '가중 라운드로빈',
  'algorithm.ip-hash': 'IP 해시',
  'algorithm.least-connections': '최소 연결',
  'algorithm.weighted-least-connections': '가중 최소 연결',
};
