import type { OwnSection } from '../ownSection.ts';

/**
 * The failover panel's words (src/components/failures/FailoverPanel.tsx, HealthChecks.tsx,
 * HealthTable.tsx): sync, preemption, VRRP version, and the health checks (HAProxy's in L7,
 * keepalived's TCP_CHECK in L4). An own section: the panel loads on first use, and its words with it.
 */
const en = {
  'failover.sync': 'Connection-state sync',
  'failover.syncHint':
    'lb2 keeps a copy of lb1’s connection table (IPVS’s sync daemon, keepalived’s lvs_sync_daemon), so open L4 connections survive a failover.',
  'failover.syncL7':
    'In L7 sync changes nothing: IPVS’s sync daemon copies the kernel’s connection table, and nginx’s proxied connections are sockets of its own process, which no sync copies.',
  'failover.preempt': 'Preemption',
  'failover.preemptHint':
    "A restored primary starts as backup, ignores the standby's lower-priority adverts, and takes the VIP back when its own master-down timer runs out.",
  'failover.version': 'VRRP version',
  'failover.version2': "VRRPv2 (keepalived's default)",
  'failover.version3': 'VRRPv3',
  'failover.wholeRun':
    'Checkboxes and numbers here apply to the whole run, from 0 ms. The lab starts with the higher priority already master; real keepalived starts it as backup even with state MASTER, and it takes the VIP once its master-down interval has passed with no advert (about 3.4 s with 1 s adverts and priority 150).',
  'failover.hc.active': 'Active health checks',
  'failover.hc.haproxy':
    'As HAProxy runs them (open-source nginx has none): a check every interval; a server starts up but falls at its first failure, and after a passed check it takes “fall” failures in a row to go down, “rise” passes to come back. nginx’s passive check (max_fails) still sets a server aside after a failed request.',
  'failover.hc.keepalived':
    "As keepalived's TCP_CHECK runs them (L4): a connect() to each server, delay_loop after the last check ended. A server that has passed a check and then fails is tried again after delay_before_retry; its (retry + 1)th failure in a row takes it out (its first, before any check has passed), and keepalived sets its IPVS weight to 0. Its first passed check brings it back.",
  'failover.hc.delayLoop': 'delay_loop: wait between checks (ms)',
  'failover.hc.retries': 'retry: retries before marking down',
  'failover.hc.retryDelay': 'delay_before_retry: wait before a retry (ms)',
  'failover.hc.interval': 'Interval (ms)',
  'failover.hc.fall': 'Fall: failed checks to mark down',
  'failover.hc.rise': 'Rise: passed checks to mark up',
  'failover.hc.off':
    'Off: a balancer learns of a failure only when a request to the server fails (passive: max_fails {maxFails}, fail_timeout {failTimeout} s).',
  'failover.hc.table': 'Each server as the balancers see it',
  'failover.hc.server': 'Server',
  'failover.hc.really': 'Really',
  'failover.hc.working': '✓ working',
  'failover.hc.failed': '✗ failed',
  'failover.hc.up': '✓ up',
  'failover.hc.down': '▼ down',
  'failover.hc.upFailing': '✓ up (down after {n} more failed)',
  'failover.hc.upLast': '✓ up (down at the next failure)',
  'failover.hc.downRising': '▼ down ({n}/{rise} passed)',
  'failover.hc.notRunning': '— (balancer down)',
  'failover.hc.unchecked': 'not checked',
  'failover.hc.window':
    "HAProxy-style health checks: {lb} still sends requests to {server} until its checks fail {n} more time(s) — unless nginx's passive check (max_fails) has already set it aside after a failed request.",
  'failover.hc.windowKeepalived':
    "keepalived's TCP_CHECK: {lb} still sends new connections to {server} until its checks fail {n} more time(s); each retry comes delay_before_retry after the last failure.",
  'failover.invalid.interval': 'The health-check interval must be a number of milliseconds from 100 to 600,000 (got “{value}”).',
  'failover.invalid.fall': 'Fall (failed checks to mark down) must be a whole number from 1 to 100 (got “{value}”).',
  'failover.invalid.rise': 'Rise (passed checks to mark up) must be a whole number from 1 to 100 (got “{value}”).',
  'failover.invalid.retries': 'retry (retries before marking down) must be a whole number from 0 to 100 (got “{value}”).',
  'failover.invalid.retryDelay': 'delay_before_retry must be a number of milliseconds from 0 to 600,000 (got “{value}”).',
} as const;

const ko: Record<keyof typeof en, string> = {
  'failover.sync': '연결 상태 동기화',
  'failover.syncHint':
    'lb2가 lb1의 연결 테이블 사본(IPVS의 동기화 데몬, keepalived의 lvs_sync_daemon)을 갖고 있어, 페일오버 뒤에도 열린 L4 연결이 이어집니다.',
  'failover.syncL7':
    'L7에서는 동기화가 아무것도 바꾸지 않습니다: IPVS의 동기화 데몬은 커널의 연결 테이블을 복사할 뿐이고, nginx가 중계하는 연결은 nginx 프로세스의 소켓이라 어떤 동기화도 복사하지 않습니다.',
  'failover.preempt': '선점(preemption)',
  'failover.preemptHint':
    '복구된 메인 로드밸런서는 백업으로 시작해 대기 로드밸런서의 낮은 우선순위 광고를 무시하고, 자기 마스터 다운 타이머가 끝나면 VIP를 되찾습니다.',
  'failover.version': 'VRRP 버전',
  'failover.version2': 'VRRPv2 (keepalived 기본값)',
  'failover.version3': 'VRRPv3',
  'failover.wholeRun':
    '여기의 체크박스와 숫자는 0 ms부터 전체 실행에 적용됩니다. 랩은 우선순위가 높은 쪽을 처음부터 마스터로 두지만, 실제 keepalived는 state MASTER여도 백업으로 시작하고, 광고 없이 마스터 다운 간격이 지나야 VIP를 가져갑니다(광고 1초, 우선순위 150이면 약 3.4초).',
  'failover.hc.active': '능동 헬스 체크',
  'failover.hc.haproxy':
    'HAProxy 방식입니다(오픈 소스 nginx에는 없습니다): 간격마다 검사합니다. 서버는 UP으로 시작하지만 첫 실패에 DOWN이 되고, 검사를 한 번 통과한 뒤에는 연속 “fall”번 실패해야 DOWN, 연속 “rise”번 통과해야 다시 UP이 됩니다. 요청이 실패하면 nginx의 수동 검사(max_fails)도 그 서버를 잠시 제외합니다.',
  'failover.hc.keepalived':
    'keepalived의 TCP_CHECK 방식입니다(L4): 각 서버에 connect()를 시도하고, 앞 검사가 끝나고 delay_loop만큼 기다렸다가 다시 검사합니다. 검사를 통과한 적 있는 서버가 실패하면 delay_before_retry 뒤에 다시 시도하고, 연속 (retry + 1)번째 실패에 DOWN이 됩니다(한 번도 통과하지 못한 서버는 첫 실패에). 그러면 keepalived가 그 서버의 IPVS 가중치를 0으로 둡니다. 검사를 한 번 통과하면 다시 UP이 됩니다.',
  'failover.hc.delayLoop': 'delay_loop: 검사 사이 대기(ms)',
  'failover.hc.retries': 'retry: DOWN 전 재시도 횟수',
  'failover.hc.retryDelay': 'delay_before_retry: 재시도 전 대기(ms)',
  'failover.hc.interval': '검사 간격(ms)',
  'failover.hc.fall': 'fall: DOWN까지 연속 실패 횟수',
  'failover.hc.rise': 'rise: UP까지 연속 통과 횟수',
  'failover.hc.off':
    '꺼짐: 로드밸런서는 서버로 보낸 요청이 실패해야 장애를 알게 됩니다(수동 검사: max_fails {maxFails}, fail_timeout {failTimeout}초).',
  'failover.hc.table': '로드밸런서가 보는 서버 상태',
  'failover.hc.server': '서버',
  'failover.hc.really': '실제',
  'failover.hc.working': '✓ 정상',
  'failover.hc.failed': '✗ 장애',
  'failover.hc.up': '✓ UP',
  'failover.hc.down': '▼ DOWN',
  'failover.hc.upFailing': '✓ UP ({n}번 더 실패하면 DOWN)',
  'failover.hc.upLast': '✓ UP (다음 실패에 DOWN)',
  'failover.hc.downRising': '▼ DOWN ({rise}회 중 {n}회 통과)',
  'failover.hc.notRunning': '— (로드밸런서 장애)',
  'failover.hc.unchecked': '검사 안 함',
  'failover.hc.window':
    'HAProxy 방식의 헬스 체크: 검사가 {n}번 더 실패할 때까지 {lb} 로드밸런서는 요청을 계속 {server} 서버로 보냅니다. 다만 요청이 한 번 실패하면 nginx의 수동 검사(max_fails)가 먼저 그 서버를 제외합니다.',
  'failover.hc.windowKeepalived':
    'keepalived의 TCP_CHECK: 검사가 {n}번 더 실패할 때까지 {lb} 로드밸런서는 새 연결을 계속 {server} 서버로 보냅니다. 재시도는 앞 실패에서 delay_before_retry 뒤에 합니다.',
  'failover.invalid.interval': '헬스 체크 간격은 100부터 600,000까지의 밀리초여야 합니다 (입력: “{value}”).',
  'failover.invalid.fall': 'fall(DOWN까지 연속 실패 횟수)은 1부터 100까지의 정수여야 합니다 (입력: “{value}”).',
  'failover.invalid.rise': 'rise(UP까지 연속 통과 횟수)는 1부터 100까지의 정수여야 합니다 (입력: “{value}”).',
  'failover.invalid.retries': 'retry(DOWN 전 재시도 횟수)는 0부터 100까지의 정수여야 합니다 (입력: “{value}”).',
  'failover.invalid.retryDelay': 'delay_before_retry는 0부터 600,000까지의 밀리초여야 합니다 (입력: “{value}”).',
};

export type FailoverPanelKey = keyof typeof en;
export const failoverPanel: OwnSection<FailoverPanelKey> = { en, ko };
