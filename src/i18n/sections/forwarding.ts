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
  'forwarding.toL7.wlc':
    'L7 picks with least connections: weighted least connections is IPVS’s (L4 only), and nginx’s least connections already weighs by weight.',
  'forwarding.toL7.mode': 'L7 is a proxy, so {mode} (an L4 forwarding mode) no longer applies.',
  'forwarding.key.mac': 'dst MAC',
  'forwarding.key.outer': 'outer',
  'forwarding.outerOff': 'taken off at {server}',
  'forwarding.direct': 'direct answer',
  'forwarding.directName': 'Direct answers: each server answers the client straight, not through the balancer',
  'legend.direct': 'direct answer: server → client, past the balancer',
  'legend.mac': 'dst MAC: the one field direct routing rewrites',
  'legend.outer': 'outer IP header (IP-in-IP), taken off at the server',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'forwarding.label': '전달 방식',
  'forwarding.full-nat': '풀 NAT',
  'forwarding.nat': 'LVS-NAT',
  'forwarding.dr': '직접 라우팅 — L2',
  'forwarding.tun': 'IP 터널 — L3',
  'forwarding.proxy': '프록시',
  'forwarding.help':
    'L4 로드밸런서(keepalived가 다루는 IPVS)가 연결을 서버에 넘기는 방식입니다. 바꾸면 같은 트래픽으로 0 ms부터 다시 실행합니다.',
  'forwarding.helpL7': '전달 방식은 L4에만 있습니다: L7 로드밸런서는 클라이언트의 연결을 끝내고 서버로 자기 연결을 여는 프록시입니다.',
  'forwarding.toL7.wlc': 'L7은 최소 연결로 고릅니다: 가중 최소 연결은 IPVS의 방식(L4 전용)이고, nginx의 최소 연결은 이미 가중치를 봅니다.',
  'forwarding.toL7.mode': 'L7은 프록시이므로 L4 전달 방식({mode})은 더 이상 쓰이지 않습니다.',
  'forwarding.key.mac': '목적 MAC',
  'forwarding.key.outer': '바깥',
  'forwarding.outerOff': '{server}에서 벗겨냄',
  'forwarding.direct': '직접 응답',
  'forwarding.directName': '직접 응답: 각 서버가 로드밸런서를 거치지 않고 클라이언트에게 바로 응답합니다',
  'legend.direct': '직접 응답: 로드밸런서를 거치지 않는 서버 → 클라이언트',
  'legend.mac': '목적 MAC: 직접 라우팅이 바꾸는 유일한 필드',
  'legend.outer': '바깥 IP 헤더(IP-in-IP), 서버에서 벗겨냄',
};
