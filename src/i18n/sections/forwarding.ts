/**
 * L4's forwarding modes on the page (issue 20): the toolbar's "Forwarding" combobox, what each
 * mode rewrites (the NAT card), the header tag's MAC and outer header, the direct answer's path
 * and their legend items. English accessible names are contracts (docs/contracts.md).
 */
export const en = {
  'forwarding.label': 'Forwarding',
  'forwarding.full-nat': 'full NAT',
  'forwarding.nat': 'LVS-NAT',
  'forwarding.dr': 'direct routing — L2',
  'forwarding.tun': 'IP tunnel — L3',
  'forwarding.proxy': 'proxy',
  'forwarding.help':
    'How the L4 balancer (IPVS under keepalived) hands a connection to its server. Changing it restarts the run from 0 ms with the same traffic.',
  'forwarding.helpL7':
    'Forwarding modes are L4 only: an L7 balancer is a proxy that ends the client’s connection and opens its own to the server.',
  'forwarding.does.full-nat':
    'Full NAT: the balancer rewrites the destination to the server and the source to itself; the answer comes back through it.',
  'forwarding.does.nat':
    'LVS-NAT: the balancer rewrites only the destination; the server sees the client’s address and answers through the balancer (its gateway), which puts the VIP back as the source.',
  'forwarding.does.dr':
    'Direct routing (L2): the IP header is not rewritten (client → VIP); the balancer changes only the Ethernet destination, to the server’s MAC. The server holds the VIP and answers the client directly.',
  'forwarding.does.tun':
    'IP tunnel (L3): the IP header is not rewritten; the balancer wraps the packet in an outer IP header (balancer → server), which the server takes off. The server answers the client directly.',
  'forwarding.toL7.wlc':
    'L7 picks with least connections: weighted least connections is IPVS’s (L4 only), and nginx’s least connections already weighs by weight.',
  'forwarding.toL7.mode': 'L7 is a proxy, so {mode} (an L4 forwarding mode) no longer applies.',
  'forwarding.key.mac': 'dst MAC',
  'forwarding.key.outer': 'outer',
  'forwarding.outerOff': 'taken off at {server}',
  'forwarding.direct': 'direct answer',
  'forwarding.directName': 'Direct answers: each server answers the client straight, not through the balancer',
  'nat.caption.mac': 'IP header unchanged; Ethernet destination rewritten {from} → {to}',
  'nat.caption.outer': 'IP header unchanged; wrapped in an outer IP header {src} → {dst} (IP-in-IP), which {server} takes off',
  'nat.role.mac': '{name}’s MAC',
  'legend.direct': 'direct answer: server → client, past the balancer',
  'legend.mac': 'dst MAC: the one field direct routing rewrites',
  'legend.outer': 'outer IP header (IP-in-IP), taken off at the server',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'forwarding.label': '전달 방식',
  'forwarding.full-nat': '전체 NAT',
  'forwarding.nat': 'LVS-NAT',
  'forwarding.dr': '직접 라우팅 — L2',
  'forwarding.tun': 'IP 터널 — L3',
  'forwarding.proxy': '프록시',
  'forwarding.help':
    'L4 로드밸런서(keepalived가 다루는 IPVS)가 연결을 서버에 넘기는 방식입니다. 바꾸면 같은 트래픽으로 0 ms부터 다시 실행합니다.',
  'forwarding.helpL7': '전달 방식은 L4에만 있습니다: L7 로드밸런서는 클라이언트의 연결을 끝내고 서버로 자기 연결을 여는 프록시입니다.',
  'forwarding.does.full-nat': '전체 NAT: 로드밸런서가 목적지를 서버로, 출발지를 자신으로 바꿉니다. 응답은 로드밸런서를 거쳐 돌아옵니다.',
  'forwarding.does.nat':
    'LVS-NAT: 로드밸런서는 목적지만 바꿉니다. 서버는 클라이언트의 주소를 보고, 응답은 게이트웨이인 로드밸런서를 거치며 출발지가 다시 VIP로 바뀝니다.',
  'forwarding.does.dr':
    '직접 라우팅(L2): IP 헤더는 바뀌지 않습니다(클라이언트 → VIP). 로드밸런서는 이더넷 목적지만 서버의 MAC으로 바꿉니다. VIP를 가진 서버가 클라이언트에게 직접 응답합니다.',
  'forwarding.does.tun':
    'IP 터널(L3): IP 헤더는 바뀌지 않습니다. 로드밸런서가 패킷을 바깥 IP 헤더(로드밸런서 → 서버)로 감싸고, 서버가 그것을 벗겨냅니다. 서버가 클라이언트에게 직접 응답합니다.',
  'forwarding.toL7.wlc': 'L7은 최소 연결로 고릅니다: 가중 최소 연결은 IPVS의 방식(L4 전용)이고, nginx의 최소 연결은 이미 가중치를 봅니다.',
  'forwarding.toL7.mode': 'L7은 프록시이므로 L4 전달 방식({mode})은 더 이상 쓰이지 않습니다.',
  'forwarding.key.mac': '목적 MAC',
  'forwarding.key.outer': '바깥',
  'forwarding.outerOff': '{server}에서 벗겨냄',
  'forwarding.direct': '직접 응답',
  'forwarding.directName': '직접 응답: 각 서버가 로드밸런서를 거치지 않고 클라이언트에게 바로 응답합니다',
  'nat.caption.mac': 'IP 헤더는 그대로, 이더넷 목적지 변경 {from} → {to}',
  'nat.caption.outer': 'IP 헤더는 그대로, 바깥 IP 헤더({src} → {dst})로 감쌈(IP-in-IP). {server} 서버가 벗겨냄',
  'nat.role.mac': '{name}의 MAC',
  'legend.direct': '직접 응답: 로드밸런서를 거치지 않는 서버 → 클라이언트',
  'legend.mac': '목적 MAC: 직접 라우팅이 바꾸는 유일한 필드',
  'legend.outer': '바깥 IP 헤더(IP-in-IP), 서버에서 벗겨냄',
};
