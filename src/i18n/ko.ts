import type { MessageKey } from './en.ts';

/** 화면의 모든 한국어 문구. en.ts와 키가 정확히 같아야 한다 (타입이 강제한다). */
export const ko: Record<MessageKey, string> = {
  'app.title': '로드밸런서 랩',
  'app.tagline': '요청이 가상 IP(VIP)를 지나고, NAT가 주소를 바꾸고, nginx가 서버를 고르는 과정을 직접 보세요.',
  'lang.label': '언어',
  'topology.label': '네트워크: 클라이언트, DNS, 로드밸런서의 가상 IP, 서버',
  'node.clients': '클라이언트',
  'node.client': '클라이언트 {ip}',
  'node.dns': 'DNS',
  'node.dnsAnswer': '{name} → {vip}',
  'node.vip': 'VIP {vip}',
  'node.primary': '메인 로드밸런서 {name}',
  'node.standby': '여분 로드밸런서 {name}',
  'node.active': '동작 중',
  'node.standbyShort': '대기',
  'node.servers': '서버',
  'node.server': '서버 {name}',
  'node.weight': '가중치 {weight}',
  'summary.requests': '이 시나리오의 요청 {count}개, {algorithm}, {mode}',
  'algorithm.round-robin': '라운드로빈',
  'algorithm.weighted-round-robin': '가중 라운드로빈',
  'algorithm.ip-hash': 'IP 해시',
  'algorithm.least-connections': '최소 연결',
  'error.title': '문제가 생겼습니다',
  'error.reload': '다시 불러오기',
};
