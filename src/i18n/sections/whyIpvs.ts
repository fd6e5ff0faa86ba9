import type { OwnSection } from '../ownSection.ts';

/**
 * The Why of an L4 pick: IPVS's schedulers in words (src/components/explain/IpvsView.tsx and
 * its text modules). An own section: the view loads on first use, and its words with it.
 */
const en = {
  by: 'IPVS (the Linux kernel) picks with {kernel} ({algorithm})',
  'persist.by': "IPVS's persistence template picks (keepalived's persistence_timeout)",
  source: 'Read from Linux: {source}, {fn}',
  none: 'No destination available → IPVS on {balancer} drops the SYN and answers ICMP port unreachable',
  kernelLog:
    'The kernel logs "IPVS: {kernel}: TCP {vip} - {error}" and answers the client with ICMP port unreachable, for TCP too (no socket exists to send a reset): its connect fails at once with "connection refused".',
  'skip.overloaded': 'overloaded: at its connection threshold',
  'skip.weight-0': 'weight 0: takes no new connections',
  passed: '{server}: passed over, {reason}',
  'rr.intro':
    "IPVS's rr walks the list from the last pick and takes the next server that is not overloaded and has a weight above 0; weights count for nothing else.",
  'rr.first': 'No pick yet: the walk starts at the head of the list, and {server} is the first that can take it.',
  'rr.next': 'The last pick was {after}: the walk goes on from it, and {server} is the next that can take it.',
  'rr.again': 'The last pick was {after}, and no other server can take it: {server} again.',
  'rr.walk': 'The walk: {walk}',
  'rr.head': 'head',
  'wrr.intro':
    "IPVS keeps one current weight, cw, for the whole service. It walks the list from the last pick and takes the next server whose weight is at least cw; at the end of the list cw goes down by the gcd of the weights and the walk starts again at the top; below 1, cw starts again at mw, the largest weight − (gcd − 1). So a heavy server gets its picks in a row: 5,1,1 gives s1 s1 s1 s1 s1 s2 s3, where nginx's smooth round robin gives s1 s1 s2 s1 s3 s1 s1.",
  'wrr.caption': "IPVS's weighted round robin: each weight against cw",
  'wrr.test': 'Weight ≥ cw {cw}?',
  'wrr.pick': '{server} is the next server whose weight is at least cw = {cw}.',
  'wrr.same': 'cw stays {cw}: the walk goes on from the last pick.',
  'wrr.step': 'The walk reached the end of the list: cw {from} − {di} (the gcd) = {to}, from the top again.',
  'wrr.wrap': 'The walk reached the end of the list: cw {from} − {di} = {below}, below 1, so cw starts again at mw = {mw}.',
  'wrr.more': '… {count} more walks, cw going down by {di} each …',
  'wrr.numbers': 'cw: {before} before the pick → {after} after · gcd step: {di}',
  'wrr.mw': 'mw = largest weight − (gcd − 1) = {max} − ({di} − 1) = {mw}',
  'wrr.down': "not in IPVS's list (its health check failed)",
  'lc.intro':
    "IPVS counts a connection active once it is ESTABLISHED and inactive before and after that (SYN_RECV, FIN_WAIT, TIME_WAIT: a closed connection stays in its table for 2 minutes). lc takes the least overhead = active × 256 + inactive. Weights count for nothing (0 only stops new connections), and a tie goes to the first in the list, where nginx's least_conn divides by the weight.",
  'wlc.intro':
    "IPVS counts a connection active once it is ESTABLISHED and inactive before and after that (SYN_RECV, FIN_WAIT, TIME_WAIT: a closed connection stays in its table for 2 minutes). wlc takes the least overhead ÷ weight, where overhead = active × 256 + inactive, compared without dividing (overhead × the other's weight). A tie stays with the earlier server, so with every server idle the first in the list takes it, whatever the weights.",
  'lc.caption': "IPVS's least connection: active × 256 + inactive",
  'wlc.caption': "IPVS's weighted least connection: (active × 256 + inactive) ÷ weight",
  'col.active': 'Active',
  'col.inactive': 'Inactive',
  'col.overhead': 'Overhead',
  'col.perWeight': 'Overhead ÷ weight',
  'lc.least': 'Least',
  'lc.alone': '{server} has the least overhead: {overhead}.',
  'lc.tie': '{servers} tie at {overhead}: the first in the list, {server}, takes it (lc does not look at weights).',
  'wlc.alone': '{server} has the least overhead ÷ weight: {ratio}.',
  'wlc.tie': '{servers} tie at {ratio}: the earlier in the list, {server}, keeps it.',
  overhead: '{server}: {active} × 256 + {inactive} = {overhead}',
  'sh.intro':
    "IPVS's sh hashes the client's whole source address into one of 256 buckets. The table is filled in list order, each server for as many buckets in a row as its weight, round and round; any change of the list refills the whole table, so clients of other servers move too.",
  'sh.key': "sh hashes the whole address {client} = {key} (nginx's ip_hash reads only {octets}).",
  'sh.port': 'With sh-port the source port is added: {addr} + {port} = {key}.',
  'sh.hash': 'The bucket is hash_32(key, 8): the top 8 bits of key × 0x61C88647, in 32 bits.',
  'sh.product': '{key} × 0x61C88647 = {product} (mod 2³²)',
  'sh.top': 'top 8 bits: {top} = {bucket}',
  'sh.bucket': 'Bucket {bucket} holds {server}.',
  'sh.rejected':
    '{server} cannot take it ({reason}), and without sh-fallback IPVS looks no further: no destination available, though other servers could take it.',
  'sh.fallback': '{server} cannot take it ({reason}): with sh-fallback IPVS walks the table on.',
  'sh.try': 'bucket {bucket} → {server}',
  'sh.more': '… {count} more buckets …',
  'sh.same': 'Every connection from {client} hashes to bucket {bucket}: it stays on {server} while the list stays the same.',
  'persist.line':
    "A connection from {client} came within keepalived's persistence_timeout ({seconds} s): its template sends it to {server}, and no scheduler runs. A template lives that long, and longer while connections it sent are still in IPVS's table.",
} as const;

const ko: Record<keyof typeof en, string> = {
  by: 'IPVS(리눅스 커널)의 {kernel} 스케줄러({algorithm})가 고릅니다',
  'persist.by': 'IPVS의 지속성 템플릿이 고릅니다 (keepalived의 persistence_timeout)',
  source: '리눅스 소스: {source}, {fn}',
  none: '쓸 수 있는 목적지 없음 → {balancer}의 IPVS가 SYN을 버리고 ICMP port unreachable로 답합니다',
  kernelLog:
    '커널은 로그에 "IPVS: {kernel}: TCP {vip} - {error}"라고 남기고, TCP여도 ICMP port unreachable로 답합니다(RST를 보낼 소켓이 없습니다). 클라이언트의 connect는 곧바로 "connection refused"로 실패합니다.',
  'skip.overloaded': '과부하: 연결 상한에 도달',
  'skip.weight-0': '가중치 0: 새 연결을 받지 않음',
  passed: '{server}: 건너뜀, {reason}',
  'rr.intro':
    'IPVS의 rr은 목록을 마지막으로 고른 서버부터 이어서 돌며, 과부하가 아니고 가중치가 0보다 큰 다음 서버를 고릅니다. 가중치는 그 밖에는 쓰이지 않습니다.',
  'rr.first': '아직 고른 서버가 없어 목록 처음부터 돌고, 받을 수 있는 첫 서버가 {server}입니다.',
  'rr.next': '마지막으로 고른 서버는 {after}입니다. 거기서부터 이어서 돌고, 받을 수 있는 다음 서버가 {server}입니다.',
  'rr.again': '마지막으로 고른 서버는 {after}이고 다른 서버는 받을 수 없어 다시 {server}입니다.',
  'rr.walk': '도는 순서: {walk}',
  'rr.head': '목록 처음',
  'wrr.intro':
    'IPVS는 서비스 전체에 현재 가중치 cw 하나만 둡니다. 목록을 마지막으로 고른 서버부터 이어서 돌며 가중치가 cw 이상인 다음 서버를 고르고, 목록 끝에 닿으면 cw를 가중치들의 최대공약수만큼 낮춰 처음부터 다시 돕니다. cw가 1보다 작아지면 mw(가장 큰 가중치 − (최대공약수 − 1))에서 다시 시작합니다. 그래서 무거운 서버가 연달아 뽑힙니다: 5,1,1이면 s1 s1 s1 s1 s1 s2 s3이고, nginx의 스무스 라운드로빈은 s1 s1 s2 s1 s3 s1 s1입니다.',
  'wrr.caption': 'IPVS 가중 라운드로빈: 각 가중치와 cw 비교',
  'wrr.test': '가중치 ≥ cw {cw}?',
  'wrr.pick': '{server|은} 가중치가 cw = {cw} 이상인 다음 서버입니다.',
  'wrr.same': 'cw는 {cw} 그대로이고, 마지막으로 고른 서버부터 이어서 돕니다.',
  'wrr.step': '목록 끝에 닿았습니다: cw {from} − {di}(최대공약수) = {to}, 처음부터 다시 돕니다.',
  'wrr.wrap': '목록 끝에 닿았습니다: cw {from} − {di} = {below}, 1보다 작으므로 mw = {mw}에서 다시 시작합니다.',
  'wrr.more': '… {count}바퀴 더, 한 바퀴마다 cw가 {di}씩 내려갑니다 …',
  'wrr.numbers': 'cw: 고르기 전 {before} → 고른 뒤 {after} · 최대공약수 단계: {di}',
  'wrr.mw': 'mw = 가장 큰 가중치 − (최대공약수 − 1) = {max} − ({di} − 1) = {mw}',
  'wrr.down': 'IPVS 목록에 없음 (헬스 체크 실패)',
  'lc.intro':
    'IPVS는 ESTABLISHED가 된 연결을 active로, 그 전과 후(SYN_RECV, FIN_WAIT, TIME_WAIT: 닫힌 연결도 2분 동안 표에 남습니다)를 inactive로 셉니다. lc는 overhead = active × 256 + inactive가 가장 작은 서버를 고릅니다. 가중치는 보지 않고(0이면 새 연결만 막습니다), 같으면 목록에서 앞선 서버가 받습니다. nginx의 least_conn은 가중치로 나눕니다.',
  'wlc.intro':
    'IPVS는 ESTABLISHED가 된 연결을 active로, 그 전과 후(SYN_RECV, FIN_WAIT, TIME_WAIT: 닫힌 연결도 2분 동안 표에 남습니다)를 inactive로 셉니다. wlc는 overhead ÷ 가중치가 가장 작은 서버를 고르며(overhead = active × 256 + inactive), 나누지 않고 상대의 가중치를 곱해 비교합니다. 같으면 앞선 서버가 그대로 받으므로, 모든 서버가 한가하면 가중치와 상관없이 목록의 첫 서버가 받습니다.',
  'lc.caption': 'IPVS 최소 연결: active × 256 + inactive',
  'wlc.caption': 'IPVS 가중 최소 연결: (active × 256 + inactive) ÷ 가중치',
  'col.active': 'Active',
  'col.inactive': 'Inactive',
  'col.overhead': 'Overhead',
  'col.perWeight': 'Overhead ÷ 가중치',
  'lc.least': '최솟값',
  'lc.alone': 'overhead가 가장 작은 서버는 {server}입니다: {overhead}.',
  'lc.tie': '{servers} 서버가 모두 {overhead}이므로 목록에서 앞선 {server|이} 받습니다(lc는 가중치를 보지 않습니다).',
  'wlc.alone': 'overhead ÷ 가중치가 가장 작은 서버는 {server}입니다: {ratio}.',
  'wlc.tie': '{servers} 서버가 모두 {ratio}이므로 목록에서 앞선 {server|이} 그대로 받습니다.',
  overhead: '{server}: {active} × 256 + {inactive} = {overhead}',
  'sh.intro':
    'IPVS의 sh는 클라이언트의 출발지 주소 전체를 해시해 256개 버킷 중 하나를 고릅니다. 버킷 표는 목록 순서대로, 서버마다 가중치만큼 연달아 채우기를 되풀이합니다. 목록이 바뀌면 표 전체를 다시 채우므로 다른 서버의 클라이언트도 옮겨 갑니다.',
  'sh.key': 'sh는 주소 전체 {client} = {key|을} 해시합니다 (nginx의 ip_hash는 {octets}만 읽습니다).',
  'sh.port': 'sh-port가 켜져 있어 출발지 포트를 더합니다: {addr} + {port} = {key}.',
  'sh.hash': '버킷은 hash_32(key, 8)입니다: key × 0x61C88647을 32비트로 계산한 값의 위 8비트.',
  'sh.product': '{key} × 0x61C88647 = {product} (mod 2³²)',
  'sh.top': '위 8비트: {top} = {bucket}',
  'sh.bucket': '버킷 {bucket}에는 {server|이} 들어 있습니다.',
  'sh.rejected':
    '{server|은} 받을 수 없고({reason}) sh-fallback이 없어 IPVS는 더 찾지 않습니다: 다른 서버가 받을 수 있어도 쓸 수 있는 목적지가 없습니다.',
  'sh.fallback': '{server|은} 받을 수 없어({reason}) sh-fallback에 따라 IPVS가 표를 이어서 봅니다.',
  'sh.try': '버킷 {bucket} → {server}',
  'sh.more': '… 버킷 {count}개 더 …',
  'sh.same': '{client}의 연결은 모두 버킷 {bucket|으로} 해시됩니다: 목록이 그대로인 동안 {server}에 머뭅니다.',
  'persist.line':
    '{client}의 연결이 keepalived의 persistence_timeout({seconds}초) 안에 왔습니다: 템플릿이 {server|으로} 보내고 스케줄러는 돌지 않습니다. 템플릿은 그 시간 동안, 그리고 그것이 보낸 연결이 IPVS 표에 남아 있는 동안 더 살아 있습니다.',
};

export type WhyIpvsKey = keyof typeof en;
export const whyIpvs: OwnSection<WhyIpvsKey> = { en, ko };
