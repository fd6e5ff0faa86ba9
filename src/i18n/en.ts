/** Every English string on the page. Korean (ko.ts) must have exactly the same keys. */
export const en = {
  'app.title': 'Load Balancer Lab',
  'app.tagline': 'Watch requests cross the Virtual IP, see NAT rewrite them, and see how nginx picks a server.',
  'lang.label': 'Language',
  'topology.label': 'Network: clients, DNS, the Virtual IP on the balancers, and the servers',
  'node.clients': 'Clients',
  'node.client': 'Client {ip}',
  'node.dns': 'DNS',
  'node.dnsAnswer': '{name} → {vip}',
  'node.vip': 'VIP {vip}',
  'node.primary': 'Primary balancer {name}',
  'node.standby': 'Standby balancer {name}',
  'node.active': 'active',
  'node.standbyShort': 'standby',
  'node.servers': 'Servers',
  'node.server': 'Server {name}',
  'node.weight': 'weight {weight}',
  'summary.requests': '{count} requests in this scenario, {algorithm}, {mode}',
  'algorithm.round-robin': 'round robin',
  'algorithm.weighted-round-robin': 'weighted round robin',
  'algorithm.ip-hash': 'IP hash',
  'algorithm.least-connections': 'least connections',
  'error.title': 'Something went wrong',
  'error.reload': 'Reload',
} as const;

export type MessageKey = keyof typeof en;
