/** TCP handshakes: the setting, the inspector's list of segments, the event log's lines. */
export const en = {
  'tcp.setting': 'TCP handshakes',
  'tcp.setting.help':
    "On: every connection starts with SYN, SYN-ACK, ACK and waits one round trip before the request. Off: the handshake is left out, its round trip too; each request still has a connection of its own (this is not keep-alive, which in L4 would keep a client's requests on one server).",
  'tcp.title': 'TCP handshakes',
  'tcp.intro.L4':
    "L4: the client's own handshake passes through the balancer, rewritten like the request; the server was picked at the SYN.",
  'tcp.intro.L7':
    'L7: two connections, two handshakes. The balancer answers the client itself, then opens its own connection to the server.',
  'tcp.col.at': 'ms',
  'tcp.col.node': 'At',
  'tcp.col.flags': 'Segment',
  'tcp.col.addr': 'src → dst',
  'tcp.arrives': 'arrives',
  'tcp.leaves': 'leaves',
  'tcp.where': 'A {flags} segment on the wire: {from} → {to}.',
  'tcp.log.send': '{node} sends {flags} for #{id}: {src} → {dst}',
  'tcp.log.recv': '{node} receives the {flags} of #{id} from {src}',
  'tcp.log.rewrite': '{node} rewrites the {flags} of #{id}: {inSrc} → {inDst} becomes {outSrc} → {outDst}',
  'tcp.log.refused': '{node} refuses the SYN of #{id} (nothing listens): it answers RST',
  'tcp.log.rst': '{node} gets RST for #{id} from {src}: connection refused',
  'tcp.log.lost': 'The {flags} of #{id} is lost at {node}',
  'tcp.log.overflow':
    "{node}'s accept queue is full (its listen backlog): it drops the {flags} of #{id}, and the sender will send it again",
} as const;

export const ko: Record<keyof typeof en, string> = {
  'tcp.setting': 'TCP 핸드셰이크',
  'tcp.setting.help':
    '켜면 모든 연결이 SYN, SYN-ACK, ACK로 시작하고, 요청은 한 번의 왕복을 기다린 뒤에 나갑니다. 끄면 핸드셰이크와 그 왕복을 빼지만, 요청마다 여전히 자기 연결을 씁니다(keep-alive가 아닙니다: keep-alive라면 L4에서 한 클라이언트의 요청이 한 서버로만 갑니다).',
  'tcp.title': 'TCP 핸드셰이크',
  'tcp.intro.L4':
    'L4: 클라이언트의 핸드셰이크가 그대로 로드밸런서를 지나가며, 요청처럼 주소가 바뀝니다. 서버는 SYN을 받을 때 정해졌습니다.',
  'tcp.intro.L7': 'L7: 연결이 둘, 핸드셰이크도 둘입니다. 로드밸런서가 클라이언트에게 직접 응답한 뒤, 서버로 가는 자기 연결을 따로 엽니다.',
  'tcp.col.at': 'ms',
  'tcp.col.node': '위치',
  'tcp.col.flags': '세그먼트',
  'tcp.col.addr': 'src → dst',
  'tcp.arrives': '도착',
  'tcp.leaves': '출발',
  'tcp.where': '{flags} 세그먼트 전송 중: {from} → {to}',
  'tcp.log.send': '{node|이} #{id}의 {flags} 세그먼트를 보냅니다: {src} → {dst}',
  'tcp.log.recv': '{node|이} {src}에서 온 #{id}의 {flags} 세그먼트를 받습니다',
  'tcp.log.rewrite': '{node|이} #{id}의 {flags} 세그먼트 주소를 바꿉니다: {inSrc} → {inDst} ⇒ {outSrc} → {outDst}',
  'tcp.log.refused': '{node|이} #{id}의 SYN을 거부합니다(듣는 프로세스 없음): RST로 답합니다',
  'tcp.log.rst': '{node|이} {src}에서 #{id}의 RST를 받습니다: 연결 거부',
  'tcp.log.lost': '#{id}의 {flags} 세그먼트가 {node}에서 사라집니다',
  'tcp.log.overflow': '{node}의 수락 대기열(listen 백로그)이 가득 차 #{id}의 {flags} 세그먼트를 버립니다. 보낸 쪽은 다시 보냅니다',
} as const;
