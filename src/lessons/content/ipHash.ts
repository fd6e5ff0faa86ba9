import ipHashRemap from '../../scenarios/ip-hash-remap.json';
import ipHashScenario from '../../scenarios/ip-hash.json';
import { withParticle } from '../../i18n/particle.ts';
import type { ScenarioInput } from '../../sim/scenario.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { atBalancer, before, eventAt, firstRecord, rec } from '../moments.ts';
import { nextServerQuiz } from '../quizzes.ts';
import type { Lesson, RunView } from '../types.ts';
import { UI } from '../names.ts';

/** nginx's ip_hash (L7): the file itself runs in L4, where IPVS's sh picks. */
export const ipHashNginx: ScenarioInput = { ...(ipHashScenario as ScenarioInput), mode: 'L7' };
/** The same clients in L4 (IPVS's sh), but #4 from 203.0.113.78, a /24 neighbour whose bucket is another server's. */
export const NEIGHBOUR = '203.0.113.78';
export const ipHashIpvs: ScenarioInput = {
  ...(ipHashScenario as ScenarioInput),
  requests: ipHashScenario.requests.map((r, i) => (i === 3 ? { ...r, client: NEIGHBOUR } : r)),
};

/** L7: the gallery's remap shows nginx's ip_hash, its upstream and its `down` parameter. */
const remap = ipHashRemap as ScenarioInput;
const clients = remap.requests!.length / 2;

/**
 * The same clients with s3 left in the upstream, marked `down` (`server … down;`), instead of
 * removed: nginx's ip_hash still counts it in the total weight, so only the clients that hash
 * to it are hashed again.
 */
export const markedDown: ScenarioInput = {
  ...remap,
  servers: remap.servers!.map((s) => (s.name === 's3' ? { ...s, down: true } : s)),
  events: [],
};

/** The first client sent to another server after the removal, though its server is still there. */
const moved = (run: RunView) =>
  firstRecord(
    run,
    (r) => {
      if (r.id <= clients) return false;
      const earlier = rec(run, r.id - clients);
      return earlier.server !== 's3' && earlier.server !== r.server;
    },
    'moved although its server stayed',
  );

/** A request that ip_hash first sent to a server marked down, and so hashed again. */
export const rehashed = (run: RunView): RequestRecord =>
  firstRecord(run, (r) => r.decision?.ipHash?.some((x) => x.rejected === 'down') ?? false, 'was hashed again past a server marked down');

export const ipHash: Lesson = {
  id: 'ip-hash',
  section: 'algorithms',
  title: { en: 'IP hash: the same client, the same server', ko: 'IP 해시: 같은 클라이언트, 같은 서버' },
  summary: {
    en: "Persistence for logins — nginx's ip_hash and the kernel's sh, and two surprises: the /24, and remapping.",
    ko: '로그인 유지에 쓰입니다. nginx의 ip_hash와 커널의 sh, 그리고 두 가지 놀라움: /24, 그리고 재배치.',
  },
  steps: [
    {
      title: { en: "A hash of the client's address", ko: '클라이언트 주소의 해시' },
      body: {
        en: "IP hash computes a number from the client's address and uses it to pick the server, so the same client always reaches the same server and a login session kept there survives. In L7, as here, nginx's ip_hash picks; in L4 the Linux kernel's IPVS, with its sh (source hashing) scheduler. Request #5 comes from 203.0.113.10 again: it lands where #1 did.",
        ko: 'IP 해시는 클라이언트 주소로 숫자를 계산해 서버를 고릅니다. 그래서 같은 클라이언트는 늘 같은 서버로 가고, 그 서버에 저장된 로그인 세션이 유지됩니다. 여기처럼 L7에서는 nginx의 ip_hash가, L4에서는 리눅스 커널의 IPVS가 sh(source hashing) 스케줄러로 고릅니다. 요청 #5는 다시 203.0.113.10에서 옵니다. #1이 간 서버로 갑니다.',
      },
      scenario: ipHashNginx,
      at: (run) => atBalancer(run, 5),
      select: () => 5,
      highlight: ['why', 'clients'],
    },
    {
      title: { en: 'A different address, the same /24', ko: '다른 주소, 같은 /24' },
      body: {
        en: `Request #4 comes from 203.0.113.77: a different address from 203.0.113.10 (which sent #1), a different customer perhaps, but in the same /24 network. Look at how nginx's ip_hash reads an address in "${UI.why.en}".`,
        ko: `요청 #4는 203.0.113.77에서 옵니다. #1을 보낸 203.0.113.10과는 다른 주소이고, 어쩌면 다른 고객이지만, 같은 /24 네트워크에 있습니다. '${UI.why.ko}'에서 nginx의 ip_hash가 주소를 어떻게 읽는지 보세요.`,
      },
      at: (run) => before(run, atBalancer(run, 4)),
      highlight: ['why', 'clients'],
      quiz: nextServerQuiz(4, undefined, (run, server) => ({
        en: `${server}, the same as #1 (${rec(run, 1).server}): nginx's ip_hash uses only the first three numbers of an IPv4 address, so different addresses in one /24, such as 203.0.113.10 and 203.0.113.77, always land on the same server. (An office behind one NAT router is another matter: its machines already share one public address, so they would share a server with any hash.)`,
        ko: `#1과 같은 ${server}입니다(#1: ${rec(run, 1).server}). nginx의 ip_hash는 IPv4 주소의 앞 세 숫자만 쓰므로, 203.0.113.10과 203.0.113.77처럼 같은 /24 안의 서로 다른 주소는 늘 같은 서버로 갑니다. (공유기 하나, 즉 NAT 뒤에 있는 사무실은 경우가 다릅니다. 그 컴퓨터들은 이미 공인 주소 하나를 함께 쓰므로, 어떤 해시를 쓰든 같은 서버로 갑니다.)`,
      })),
    },
    {
      title: { en: 'In L4: IPVS hashes the whole address', ko: 'L4에서: IPVS는 주소 전체를 해시합니다' },
      body: {
        en: `Now the same clients in L4, where IPVS's sh picks, except that #4 comes from ${NEIGHBOUR}, again in 203.0.113.10's /24. sh hashes all four numbers of the address into one of 256 buckets, and the buckets are dealt out to s1, s2, s3 in turn. "${UI.why.en}" shows each client's bucket.`,
        ko: `이번엔 같은 클라이언트를 L4에서 보냅니다. 여기서는 IPVS의 sh가 고릅니다. 다만 #4는 ${NEIGHBOUR}에서 오는데, 이 주소도 203.0.113.10과 같은 /24에 있습니다. sh는 주소의 네 숫자를 모두 해시해 256개 버킷 중 하나에 넣고, 버킷은 s1, s2, s3에 차례로 나눠 줍니다. '${UI.why.ko}'에서 클라이언트마다 버킷을 볼 수 있습니다.`,
      },
      scenario: ipHashIpvs,
      at: (run) => before(run, atBalancer(run, 4)),
      highlight: ['why', 'clients'],
      quiz: nextServerQuiz(
        4,
        {
          en: `Request #4 comes from ${NEIGHBOUR}. #1, from 203.0.113.10 in the same /24, went to s1. Which server will IPVS give #4?`,
          ko: `요청 #4는 ${NEIGHBOUR}에서 옵니다. 같은 /24의 203.0.113.10이 보낸 #1은 s1로 갔습니다. IPVS는 #4를 어느 서버에 줄까요?`,
        },
        (run, server) => {
          const bucket = (id: number) => {
            const d = rec(run, id).ipvs;
            return d?.scheduler === 'sh' ? d.bucket : '?';
          };
          return {
            en: `${server}: sh put ${NEIGHBOUR} in bucket ${bucket(4)} and 203.0.113.10 in bucket ${bucket(1)}. The whole address counts, so neighbours in one /24 share a server only when their buckets happen to belong to the same one. (nginx's ip_hash would have sent #4 to s1 with #1.)`,
            ko: `${server}: sh는 ${withParticle(NEIGHBOUR, '를')} 버킷 ${bucket(4)}에, 203.0.113.10을 버킷 ${bucket(1)}에 넣었습니다. 주소 전체를 보므로 같은 /24의 이웃도 두 버킷이 우연히 같은 서버의 것일 때만 같은 서버로 갑니다. (nginx의 ip_hash라면 #4도 #1처럼 s1로 보냈을 것입니다.)`,
          };
        },
      ),
    },
    {
      title: { en: 'Remapping: a server leaves', ko: '재배치: 서버 하나를 제외하면' },
      body: {
        en: 'Back to nginx (L7). Six clients each asked once; then s3 is removed from the upstream (at the moment marked in the event log) and they ask again. Clients of s3 must move, of course — but the hash is taken over the servers that remain, so some clients whose server is still there move too, and the sessions they had are lost.',
        ko: '다시 nginx(L7)입니다. 클라이언트 여섯이 한 번씩 요청한 뒤, s3이 업스트림에서 제외되고(이벤트 기록에 표시된 순간) 다시 요청합니다. s3의 클라이언트가 옮겨 가는 건 당연합니다. 그런데 해시가 남은 서버들을 기준으로 다시 계산되므로, 서버가 그대로인 클라이언트 중에도 옮겨 가는 경우가 생기고, 그들의 세션은 사라집니다.',
      },
      scenario: remap,
      at: (run) => eventAt(run, 'remove-server', 's3'),
      highlight: ['event-log', 'servers'],
    },
    {
      title: { en: 'Who moved', ko: '누가 옮겨 갔나' },
      body: {
        en: "The selected request comes from a client whose server is still in the upstream — and yet it now lands elsewhere. Compare it with the same client's first request in the event log.",
        ko: '선택된 요청의 클라이언트는 원래 서버가 아직 업스트림에 있는데도 다른 서버로 갑니다. 이벤트 기록에서 같은 클라이언트의 첫 요청과 비교해 보세요.',
      },
      at: (run) => atBalancer(run, moved(run).id),
      select: (run) => moved(run).id,
      highlight: ['why'],
    },
    {
      title: { en: 'Mark it down instead', ko: '제외하지 말고 down으로 표시하기' },
      body: {
        en: "Now the same six clients, but s3 stays in the upstream marked down (nginx's `down` parameter) instead of being removed. ip_hash still counts s3 in the total weight, so every hash lands where it did with all three servers; only a client that lands on s3 is hashed again.",
        ko: '이번에는 같은 클라이언트 여섯이지만, s3을 업스트림에서 제외하지 않고 down으로 표시합니다(nginx의 `down` 매개변수). ip_hash는 s3을 여전히 전체 가중치에 넣어 계산하므로, 모든 해시가 서버 세 대일 때와 같은 곳에 떨어집니다. s3에 떨어진 클라이언트만 다시 해시됩니다.',
      },
      scenario: markedDown,
      at: (run) => before(run, atBalancer(run, 1)),
      highlight: ['servers', 'why'],
      quiz: nextServerQuiz(
        1,
        {
          en: '192.168.0.1 was on s1 while all three servers were in, and moved to s2 when s3 was removed. With s3 marked down instead, where does request #1, from 192.168.0.1, go?',
          ko: '192.168.0.1은 서버 세 대가 모두 있을 때 s1로 갔고, s3이 제외되자 s2로 옮겨 갔습니다. s3을 제외하는 대신 down으로 표시하면, 192.168.0.1이 보내는 요청 #1은 어디로 갈까요?',
        },
        (run, server) => ({
          en: `${server}, where it was with all three servers: s3 still counts in the total weight, so the hash walks to the same server. Only ${rehashed(run).client}, whose hash lands on s3, is hashed again (to ${rehashed(run).server}).`,
          ko: `서버 세 대일 때와 같은 ${server}입니다. s3이 여전히 전체 가중치에 들어가므로 해시가 같은 서버에 떨어집니다. 해시가 s3에 떨어지는 ${rehashed(run).client}만 다시 해시되어 ${withParticle(rehashed(run).server ?? '', '로')} 갑니다.`,
        }),
      ),
    },
    {
      title: { en: "Only s3's clients are rehashed", ko: 's3의 클라이언트만 다시 해시됩니다' },
      body: {
        en: `The selected request hashed to s3 first; s3 is down, so nginx hashed again, and again if need be, until it found a server that is up ("${UI.why.en}" shows each round). Everyone else kept their server and their session. That is why nginx's documentation says to mark a server down, not remove it, when it must leave an ip_hash upstream for a while.`,
        ko: `선택된 요청은 처음에 s3으로 해시되었지만, s3이 down이므로 nginx는 살아 있는 서버를 찾을 때까지 다시 해시했습니다('${UI.why.ko}'에서 매 회차를 볼 수 있습니다). 다른 클라이언트는 모두 서버와 세션을 그대로 지켰습니다. 그래서 nginx 문서는 ip_hash 업스트림에서 서버를 잠시 내보내야 할 때 목록에서 지우지 말고 down으로 표시하라고 합니다.`,
      },
      at: (run) => atBalancer(run, rehashed(run).id),
      select: (run) => rehashed(run).id,
      highlight: ['why'],
    },
  ],
};
