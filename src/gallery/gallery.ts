import classroom from '../scenarios/classroom.json';
import dnsVip from '../scenarios/dns-vip.json';
import failover from '../scenarios/failover.json';
import failoverSync from '../scenarios/failover-sync.json';
import ipHash from '../scenarios/ip-hash.json';
import ipHashRemap from '../scenarios/ip-hash-remap.json';
import l7Routing from '../scenarios/l7-routing.json';
import leastConnections from '../scenarios/least-connections.json';
import leastConnectionsUneven from '../scenarios/least-connections-uneven.json';
import natWalkthrough from '../scenarios/nat-walkthrough.json';
import overload from '../scenarios/overload.json';
import roundRobinLoad from '../scenarios/round-robin-load.json';
import roundRobinTurns from '../scenarios/round-robin-turns.json';
import scaleOut from '../scenarios/scale-out.json';
import scaleUp from '../scenarios/scale-up-one-server.json';
import serverFailure from '../scenarios/server-failure.json';
import sessions from '../scenarios/sessions.json';
import weightedRoundRobin from '../scenarios/weighted-round-robin.json';
import type { Said } from '../sim/said.ts';
import type { ScenarioInput } from '../sim/scenario.ts';
import { DEFAULT_SPEED } from '../store/labCore.ts';

/** A ready scenario a teacher can start from: what it shows, the file itself and the speed it opens at. */
export interface GalleryEntry {
  id: string;
  title: Said;
  shows: Said;
  scenario: ScenarioInput;
  /**
   * The playback speed it opens at (one of SPEEDS): slow enough to follow the packets, fast
   * enough that its first failure, failover or removal comes within 15 s of Play
   * (gallery.test.ts measures it).
   */
  speed: number;
}

const entry = (id: string, scenario: unknown, title: Said, shows: Said, speed = DEFAULT_SPEED): GalleryEntry => ({
  id,
  title,
  shows,
  scenario: scenario as ScenarioInput,
  speed,
});

/** In the order of the notes. */
export const GALLERY: readonly GalleryEntry[] = [
  entry(
    'classroom',
    classroom,
    { en: 'A classroom of four clients', ko: '클라이언트 넷이 있는 교실' },
    {
      en: 'Steady traffic over three servers: the default, good for any first look.',
      ko: '서버 세 대에 꾸준한 트래픽. 처음 둘러보기에 좋은 기본 시나리오.',
    },
  ),
  entry(
    'scale-up-one-server',
    scaleUp,
    { en: 'One server, too much traffic', ko: '서버 하나, 너무 많은 트래픽' },
    {
      en: 'A single server queues what it cannot serve: latency climbs.',
      ko: '서버 한 대가 처리하지 못한 요청이 쌓이고 응답 시간이 늘어납니다.',
    },
  ),
  entry(
    'scale-out',
    scaleOut,
    { en: 'Scale-out: the same traffic on three servers', ko: '스케일 아웃: 같은 트래픽을 서버 세 대로' },
    {
      en: 'Three servers share the load: short queues, quick answers.',
      ko: '서버 세 대가 나눠 받아 대기열이 짧고 응답이 빠릅니다.',
    },
  ),
  entry(
    'overload',
    overload,
    { en: 'Overload: a full queue drops SYNs', ko: '과부하: 꽉 찬 대기열이 SYN을 버립니다' },
    {
      en: "s1 is half as fast as s2, yet round robin gives it half the traffic: its queue fills (8 at most), latency climbs, and new SYNs are dropped and sent again after 1 s, 3 s, 7 s. At 6 s least connections (IPVS's lc) feeds s1 far less, though not nothing: s2's closed connections, in TIME_WAIT, count against it. At 10 s a third server takes the rest.",
      ko: 's1은 s2의 절반 속도인데도 라운드로빈은 트래픽을 반씩 줍니다. s1의 대기열이 차고(최대 8개) 응답 시간이 늘며, 새 SYN은 버려져 1초, 3초, 7초 뒤에 다시 옵니다. 6초에 최소 연결(IPVS의 lc)이 s1에 훨씬 적게 보내지만 아주 끊지는 않습니다. TIME_WAIT에 남은 s2의 닫힌 연결도 세기 때문입니다. 10초에 세 번째 서버가 나머지를 받습니다.',
    },
    0.25,
  ),
  entry(
    'dns-vip',
    dnsVip,
    { en: 'DNS answers the VIP', ko: 'DNS는 VIP를 알려 줍니다' },
    {
      en: 'Slow enough to follow each client asking DNS and sending to the VIP; the answer is cached.',
      ko: '클라이언트가 DNS에 묻고 VIP로 보내는 과정을 천천히 따라갈 수 있습니다. DNS 답은 캐시됩니다.',
    },
  ),
  entry(
    'nat-walkthrough',
    natWalkthrough,
    { en: 'NAT, one request at a time', ko: 'NAT, 요청 하나씩' },
    {
      en: 'Two requests, far apart: follow every rewrite on the way in and out.',
      ko: '멀리 떨어진 요청 두 개. 들어갈 때와 나올 때의 주소 변환을 하나하나 따라갑니다.',
    },
  ),
  entry(
    'l7-routing',
    l7Routing,
    { en: 'L7: routes, cache, blocking', ko: 'L7: 라우팅, 캐시, 차단' },
    {
      en: '/search to s1, /map to s2, /static from the cache, /admin blocked; both TCP handshakes shown.',
      ko: '/search는 s1, /map은 s2, /static은 캐시, /admin은 차단. TCP 핸드셰이크 두 번을 보여 줍니다.',
    },
  ),
  entry(
    'round-robin-turns',
    roundRobinTurns,
    { en: 'Round robin, in turn', ko: '라운드로빈, 차례대로' },
    { en: 'Six requests handed to s1, s2, s3 and around again.', ko: '요청 여섯 개가 s1, s2, s3 순서로 돌아갑니다.' },
  ),
  entry(
    'round-robin-load',
    roundRobinLoad,
    { en: 'Round robin under load', ko: '부하 속의 라운드로빈' },
    { en: 'Generated traffic spread evenly over equal servers.', ko: '같은 서버들에 생성된 트래픽이 고르게 퍼집니다.' },
  ),
  entry(
    'sessions',
    sessions,
    { en: 'A login lost by round robin', ko: '라운드로빈이 잃어버리는 로그인' },
    {
      en: 'The session lives on one server; the next request lands on another and gets 401. Try IP hash.',
      ko: '세션은 한 서버에만 있고, 다음 요청은 다른 서버로 가서 401을 받습니다. IP 해시로 바꿔 보세요.',
    },
  ),
  entry(
    'weighted-round-robin',
    weightedRoundRobin,
    { en: 'Weights 5, 1, 1', ko: '가중치 5, 1, 1' },
    {
      en: 'One strong server: in L4 IPVS gives it five in a row (s1 ×5, s2, s3); in L7 nginx spreads them smoothly (s1 s1 s2 s1 s3 s1 s1).',
      ko: '강한 서버 하나. L4에서는 IPVS가 그 서버에 다섯 개를 연달아 주고(s1 ×5, s2, s3), L7에서는 nginx가 고르게 섞습니다(s1 s1 s2 s1 s3 s1 s1).',
    },
  ),
  entry(
    'ip-hash',
    ipHash,
    { en: 'IP hash and the /24', ko: 'IP 해시와 /24' },
    {
      en: "The same client always reaches the same server. In L7 so does a different address in the same /24 (203.0.113.10 and 203.0.113.77): nginx's ip_hash reads only the first three numbers. In L4 IPVS's sh hashes the whole address: here the two share a server only by chance.",
      ko: '같은 클라이언트는 늘 같은 서버로 갑니다. L7에서는 같은 /24 안의 다른 주소(203.0.113.10과 203.0.113.77)도 같은 서버로 갑니다. nginx의 ip_hash는 앞 세 숫자만 읽기 때문입니다. L4에서는 IPVS의 sh가 주소 전체를 해시하므로, 여기서 두 주소가 같은 서버로 가는 것은 우연입니다.',
    },
  ),
  entry(
    'ip-hash-remap',
    ipHashRemap,
    { en: 'IP hash when a server leaves', ko: '서버가 빠질 때의 IP 해시' },
    {
      en: "s3 is removed: clients whose server stayed are moved too. Marked down instead, only s3's clients would move.",
      ko: 's3이 빠지면 서버가 그대로인 클라이언트까지 옮겨 갑니다. down으로 표시하면 s3의 클라이언트만 옮겨 갑니다.',
    },
    0.25,
  ),
  entry(
    'least-connections-uneven',
    leastConnectionsUneven,
    { en: 'Least connections and uneven work', ko: '최소 연결과 들쭉날쭉한 작업' },
    {
      en: 'Servers that work on one request at a time: two long reports hold two servers; the quick requests go to the idle one instead of queueing behind a report.',
      ko: '한 번에 요청 하나만 처리하는 서버들. 긴 보고서 두 개가 서버 둘을 붙잡고, 짧은 요청은 보고서 뒤에서 기다리지 않고 한가한 서버로 갑니다.',
    },
  ),
  entry(
    'least-connections',
    leastConnections,
    { en: 'Least connections: three long jobs', ko: '최소 연결: 긴 작업 세 개' },
    {
      en: 'Every server busy with a long job: in L4 IPVS gives a tie to the first server in its list and counts closed connections too; in L7 nginx breaks ties by weighted round robin.',
      ko: '모든 서버가 긴 작업 중일 때. L4에서는 IPVS가 동점을 목록의 첫 서버에 주고 닫힌 연결도 셉니다. L7에서는 nginx가 동점을 가중 라운드로빈으로 정합니다.',
    },
  ),
  entry(
    'server-failure',
    serverFailure,
    { en: 'A server fails, health checks notice', ko: '서버 장애와 헬스 체크' },
    {
      en: 's2 refuses connections at 5 s: nginx (L7) retries the next server and sets s2 aside (passive check), then HAProxy-style health checks mark it down.',
      ko: '5초에 s2가 연결을 거부합니다. nginx(L7)가 다음 서버로 다시 시도하고 s2를 잠시 빼 두며(수동 검사), 이어서 HAProxy 방식의 헬스 체크가 down으로 표시합니다.',
    },
    0.5,
  ),
  entry(
    'failover',
    failover,
    { en: 'Balancer failover', ko: '로드밸런서 장애 조치' },
    {
      en: 'lb1 dies at 8 s; lb2 takes the VIP after the master-down interval; connections in flight are lost, since lb2 has no record of them.',
      ko: '8초에 lb1이 멈추고, 마스터 다운 간격 뒤 lb2가 VIP를 가져갑니다. lb2에는 진행 중이던 연결의 기록이 없어 그 연결들은 끊깁니다.',
    },
    1,
  ),
  entry(
    'failover-sync',
    failoverSync,
    { en: 'Failover with connection sync', ko: '연결 동기화가 있는 장애 조치' },
    {
      en: "The same failure, but lb2 has a copy of lb1's connections: none is lost.",
      ko: '같은 장애지만 lb2가 lb1의 연결 사본을 갖고 있어 끊기는 연결이 없습니다.',
    },
    1,
  ),
];
