import type { OwnSection } from '../ownSection.ts';

/**
 * The NAT card's words for the forwarding modes (src/components/inspector/NatCard.tsx): what each
 * mode rewrites, and direct routing's and the tunnel's captions. An own section: the card loads
 * on first use, and its words with it.
 */
const en = {
  'does.full-nat':
    'Full NAT: the balancer rewrites the destination to the server and the source to itself; the answer comes back through it.',
  'does.nat':
    'LVS-NAT: the balancer rewrites only the destination; the server sees the client’s address and answers through the balancer (its gateway), which puts the VIP back as the source.',
  'does.dr':
    'Direct routing (L2): the IP header is not rewritten (client → VIP); the balancer changes only the Ethernet destination, to the server’s MAC. The server holds the VIP and answers the client directly.',
  'does.tun':
    'IP tunnel (L3): the IP header is not rewritten; the balancer wraps the packet in an outer IP header (balancer → server), which the server takes off. The server answers the client directly.',
  'caption.mac': 'IP header unchanged; Ethernet destination rewritten {from} → {to}',
  'caption.outer': 'IP header unchanged; wrapped in an outer IP header {src} → {dst} (IP-in-IP), which {server} takes off',
  'role.mac': '{name}’s MAC',
} as const;

const ko: Record<keyof typeof en, string> = {
  'does.full-nat': '풀 NAT: 로드밸런서가 목적지를 서버로, 출발지를 자신으로 바꿉니다. 응답은 로드밸런서를 거쳐 돌아옵니다.',
  'does.nat':
    'LVS-NAT: 로드밸런서는 목적지만 바꿉니다. 서버는 클라이언트의 주소를 보고, 응답은 게이트웨이인 로드밸런서를 거치며 출발지가 다시 VIP로 바뀝니다.',
  'does.dr':
    '직접 라우팅(L2): IP 헤더는 바뀌지 않습니다(클라이언트 → VIP). 로드밸런서는 이더넷 목적지만 서버의 MAC으로 바꿉니다. VIP를 가진 서버가 클라이언트에게 직접 응답합니다.',
  'does.tun':
    'IP 터널(L3): IP 헤더는 바뀌지 않습니다. 로드밸런서가 패킷을 바깥 IP 헤더(로드밸런서 → 서버)로 감싸고, 서버가 그것을 벗겨냅니다. 서버가 클라이언트에게 직접 응답합니다.',
  'caption.mac': 'IP 헤더는 그대로, 이더넷 목적지 변경 {from} → {to}',
  'caption.outer': 'IP 헤더는 그대로, 바깥 IP 헤더({src} → {dst})로 감쌈(IP-in-IP). {server} 서버가 벗겨냄',
  'role.mac': '{name}의 MAC',
};

export type NatForwardingKey = keyof typeof en;
export const natForwarding: OwnSection<NatForwardingKey> = { en, ko };
