/** The why drawn on the stage: weights, hash, open connections, countdown, links marked down. */
export const en = {
  'cw.bars': 'Smooth weighted round robin, current weight after the pick: {list}',
  'cw.barsChosen': '{server} was chosen',
  'cw.dots': 'Open connections: {list}',
  'cw.dotsChosen': 'least connections chose {server}',
  'cw.hash': 'hash({key}) → {server}',
  'cw.hashLabel': 'ip_hash at {lb}: hash({key}) → {server}',
  'cw.seconds': '{s} s',
  'cw.ring': '{lb} takes over the VIP in {s} s unless an advert comes',
  'cw.ringPreempt': '{lb} takes the master role back in {s} s (preemption)',
  'cw.down.health': '{lb} has marked {server} down (health checks): no new requests go there',
  'cw.down.passive': '{lb} has marked {server} down (max_fails, until fail_timeout ends): no new requests go there',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'cw.bars': '스무스 가중 라운드로빈, 고른 뒤의 현재 가중치: {list}',
  'cw.barsChosen': '{server|이} 선택됨',
  'cw.dots': '열린 연결: {list}',
  'cw.dotsChosen': '최소 연결이 {server|을} 고름',
  'cw.hash': 'hash({key}) → {server}',
  'cw.hashLabel': '{lb}의 ip_hash: hash({key}) → {server}',
  'cw.seconds': '{s}초',
  'cw.ring': '광고가 오지 않으면 {lb|이} {s}초 뒤 VIP를 가져갑니다',
  'cw.ringPreempt': '{lb|이} {s}초 뒤 마스터 역할을 되찾습니다(선점)',
  'cw.down.health': '{lb|이} {server|을} down으로 표시했습니다(헬스 체크): 새 요청을 보내지 않습니다',
  'cw.down.passive': '{lb|이} {server|을} 제외했습니다(max_fails, fail_timeout이 끝날 때까지): 새 요청을 보내지 않습니다',
};
