/**
 * What the simulation's event queue holds: each event is a kind (below) and a payload, an
 * integer packed by eventPayloads.ts. A leaf module, so every subsystem can name kinds without
 * loading the engine.
 */
export const EventKind = {
  // The first CHANNELED kinds cross links of fixed delay: the queue keeps them in FIFO channels.
  LbRequest: 0,
  ServerRequest: 1,
  LbResponse: 2,
  ServiceDone: 3,
  DnsAnswer: 4,
  /** A scenario event (or a user's action) at its time; the payload is its index in the scenario. */
  Scenario: 5,
  ConnectFailed: 6,
  ReadTimeout: 7,
  ClientRetry: 8,
  ServerRetry: 9,
  /** The client's own deadline: it stops waiting for its answer. */
  ClientDeadline: 10,
  Advert: 11,
  MasterDown: 12,
  Probe: 13,
  ProbeResult: 14,
  /** With handshakes: the L7 balancer has the client's request (after its handshake). */
  Accepted: 15,
  /** With handshakes: the request reaches the server (after its handshake). */
  Connected: 16,
  /** keepalived's second burst of gratuitous ARPs after a takeover. */
  GarpRepeat: 17,
  /** A dropped SYN's retransmission timer (or, its retries spent, its connect() giving up). */
  SynRetry: 18,
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/** Kinds 0 … CHANNELED − 1 use the queue's FIFO channels (see EventQueue). */
export const CHANNELED = 4;
