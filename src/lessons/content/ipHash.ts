import ipHashRemap from '../../scenarios/ip-hash-remap.json';
import ipHashScenario from '../../scenarios/ip-hash.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { atBalancer, before, eventAt, firstRecord, rec } from '../moments.ts';
import { nextServerQuiz } from '../quizzes.ts';
import type { Lesson } from '../types.ts';

const remap = ipHashRemap as ScenarioInput;
const clients = remap.requests!.length / 2;

/** The first client sent to another server after the removal, though its server is still there. */
const moved = (run: Parameters<typeof rec>[0]) => firstRecord(run, (r) => {
  if (r.id <= clients) return false;
  const earlier = rec(run, r.id - clients);
  return earlier.server !== 's3' && earlier.server !== r.server;
}, 'moved although its server stayed');

export const ipHash: Lesson = {
  id: 'ip-hash',
  section: 'algorithms',
  title: { en: 'IP hash: the same client, the same server', ko: 'IP 해시: 같은 클라이언트, 같은 서버' },
  summary: { en: 'Persistence for logins — and two surprises: the /24, and remapping.', ko: '로그인 유지에 쓰입니다. 그리고 두 가지 놀라움: /24, 그리고 재배치.' },
  steps: [
    {
      title: { en: 'A hash of the client\'s address', ko: '클라이언트 주소의 해시' },
      body: {
        en: 'IP hash computes a number from the client\'s address and uses it to pick the server, so the same client always reaches the same server and a login session kept there survives. Request #5 comes from 192.168.0.1 again: it lands where #1 did.',
        ko: 'IP 해시는 클라이언트 주소로 숫자를 계산해 서버를 고릅니다. 그래서 같은 클라이언트는 늘 같은 서버로 가고, 그 서버에 저장된 로그인 세션이 유지됩니다. 요청 #5는 다시 192.168.0.1에서 옵니다. #1이 간 서버로 갑니다.',
      },
      scenario: ipHashScenario as ScenarioInput,
      at: (run) => atBalancer(run, 5),
      select: () => 5,
      highlight: ['why', 'clients'],
    },
    {
      title: { en: 'A different machine, next door', ko: '옆자리의 다른 컴퓨터' },
      body: {
        en: 'Request #4 comes from 192.168.0.77, a different machine from 192.168.0.1 (which sent #1). Look at how nginx\'s ip_hash reads an address in "Why this server".',
        ko: '요청 #4는 192.168.0.77에서 옵니다. #1을 보낸 192.168.0.1과는 다른 컴퓨터입니다. \'이 서버를 고른 이유\'에서 nginx의 ip_hash가 주소를 어떻게 읽는지 보세요.',
      },
      at: (run) => before(run, atBalancer(run, 4)),
      highlight: ['why', 'clients'],
      quiz: nextServerQuiz(4, undefined, (run, server) => ({
        en: `${server}, the same as #1 (${rec(run, 1).server}): nginx hashes only the first three numbers of an IPv4 address, so every client in 192.168.0.0/24 — a whole office behind one router, say — lands on one server.`,
        ko: `#1과 같은 ${server}입니다(#1: ${rec(run, 1).server}). nginx는 IPv4 주소의 앞 세 숫자만 해시하므로, 192.168.0.0/24 안의 모든 클라이언트(예를 들어 공유기 하나 뒤의 사무실 전체)가 한 서버로 갑니다.`,
      })),
    },
    {
      title: { en: 'Remapping: a server leaves', ko: '재배치: 서버 하나가 빠지면' },
      body: {
        en: 'Six clients each asked once; then s3 is removed from the upstream (at the moment marked in the event log) and they ask again. Clients of s3 must move, of course — but the hash is taken over the servers that remain, so some clients whose server is still there move too, and the sessions they had are lost.',
        ko: '클라이언트 여섯이 한 번씩 요청한 뒤, s3가 업스트림에서 빠지고(이벤트 기록에 표시된 순간) 다시 요청합니다. s3의 클라이언트가 옮겨 가는 건 당연합니다. 그런데 해시가 남은 서버들을 기준으로 다시 계산되므로, 서버가 그대로인 클라이언트 중에도 옮겨 가는 경우가 생기고, 그들의 세션은 사라집니다.',
      },
      scenario: remap,
      at: (run) => eventAt(run, 'remove-server', 's3'),
      highlight: ['server-controls', 'event-log'],
    },
    {
      title: { en: 'Who moved', ko: '누가 옮겨 갔나' },
      body: {
        en: 'The selected request comes from a client whose server is still in the upstream — and yet it now lands elsewhere. Compare it with the same client\'s first request in the event log.',
        ko: '선택된 요청의 클라이언트는 원래 서버가 아직 업스트림에 있는데도 다른 서버로 갑니다. 이벤트 기록에서 같은 클라이언트의 첫 요청과 비교해 보세요.',
      },
      at: (run) => atBalancer(run, moved(run).id),
      select: (run) => moved(run).id,
      highlight: ['why', 'inspector'],
    },
  ],
};
