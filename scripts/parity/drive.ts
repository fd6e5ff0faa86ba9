/**
 * What every nginx-side parity suite shares: the `upstream` block it configures, and the
 * driver that plays a case's steps on nginx one after another (see cases.ts for what each
 * step waits for).
 */
import type { NginxAlgorithm } from '../../src/sim/algorithms/pick.ts';
import type { Step } from './cases.ts';
import { H_CLIENT, H_HOLD, H_ID, request, type Backends, type Nginx, type Reply } from './harness.ts';

/** The directive that chooses each algorithm; round robin, weighted or not, is nginx's default. */
const DIRECTIVE: Record<NginxAlgorithm, string | null> = {
  'round-robin': null,
  'weighted-round-robin': null,
  'ip-hash': 'ip_hash;',
  'least-connections': 'least_conn;',
};

/** `upstream backend { … }` choosing `algorithm` over these `server` lines (indented already). */
export function upstreamWith(algorithm: NginxAlgorithm, serverLines: readonly string[]): string {
  const directive = DIRECTIVE[algorithm];
  return ['upstream backend {', ...(directive ? [`    ${directive}`] : []), ...serverLines, '}'].join('\n');
}

/** A held request waits at its backend this long at most (the test's own timeout ends it sooner). */
const HELD_TIMEOUT_MS = 60_000;

let nextId = 1;

/**
 * Plays steps on one nginx and keeps every request's reply. A held request is sent and waited
 * for at its backend; a release lets it answer and waits for that answer; `finish` releases
 * whatever is still held. A driver that stops early must call `releaseHeld` (in a `finally`),
 * or the held requests keep their backends busy.
 */
export class StepDriver {
  private readonly replies: (Reply | null)[] = [];
  private readonly ids: string[] = [];
  private readonly open = new Map<number, Promise<Reply>>();
  private readonly held = new Set<string>();

  constructor(
    private readonly backends: Backends,
    private readonly nginx: Nginx,
    /** Tells this driver's requests apart from other drivers' at the backends. */
    private readonly idPrefix: string,
    private readonly method: 'GET' | 'POST' = 'GET',
  ) {}

  async step(s: Step): Promise<void> {
    if (s.kind === 'request') {
      const index = this.replies.length;
      const id = `${this.idPrefix}${nextId++}`;
      this.ids.push(id);
      this.replies.push(null);
      const headers = { [H_ID]: id, [H_CLIENT]: s.client, ...(s.held ? { [H_HOLD]: '1' } : {}) };
      const reply = request(this.nginx.port, s.path, headers, s.held ? HELD_TIMEOUT_MS : undefined, this.method);
      if (s.held) {
        this.held.add(id);
        reply.catch(() => {}); // awaited later; keeps an early failure from going unhandled
        this.open.set(index, reply);
        await this.backends.waitArrival(id);
      } else {
        this.replies[index] = await reply;
      }
      return;
    }
    const reply = this.open.get(s.request);
    const id = this.ids[s.request];
    if (!reply || id === undefined || !this.backends.release(id)) {
      throw new Error(`step releases request #${s.request + 1}, which is not held`);
    }
    this.held.delete(id);
    this.open.delete(s.request);
    this.replies[s.request] = await reply;
  }

  /** Lets every request still held answer, and returns every reply in request order. */
  async finish(): Promise<Reply[]> {
    this.releaseHeld();
    for (const [index, reply] of this.open) this.replies[index] = await reply;
    this.open.clear();
    return this.replies.map((r, i) => {
      if (!r) throw new Error(`request #${i + 1} got no reply`);
      return r;
    });
  }

  releaseHeld(): void {
    for (const id of this.held) this.backends.release(id);
    this.held.clear();
  }
}
