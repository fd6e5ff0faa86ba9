import { describe, expect, it } from 'vitest';
import { run } from '../../sim/test/helpers.ts';
import { narrate } from '../explain/narrate.ts';
import type { RequestRecord } from '../../sim/types.ts';

const at = (ms: number, serviceMs = 100_000) => ({ at: ms, client: '203.0.113.10', serviceMs });
const all = (r: RequestRecord, lang: 'en' | 'ko') => r.hops.map((_, i) => narrate(r, i, lang));

describe('narration of a full accept queue and the SYN sent again', () => {
  it('L4: the drop at the server, the client sending its SYN again, the NAT following its entry', () => {
    const recs = run({ servers: [{ name: 's1', concurrency: 1, backlog: 1 }], requests: [at(0), at(1), at(2)] });
    const lines = all(recs[2]!, 'en');
    expect(lines[2]).toBe(
      "s1's accept queue is full (its listen backlog): the kernel drops the SYN of #3 without a word, and the sender will send it again",
    );
    expect(lines[3]).toBe(
      '203.0.113.10 has heard nothing back: it sends the SYN of #3 again (retransmission 1, 1 s after the first; the wait doubles each time)',
    );
    expect(lines[4]).toMatch(/^lb1 finds #3's connection in its conntrack table: the SYN goes to s1 again, rewritten as before: /);
    expect(lines[6]).toContain('retransmission 2, 3 s after the first');
    const ko = all(recs[2]!, 'ko');
    expect(ko[2]).toContain('s1 서버의 수락 대기열(listen 백로그)이 가득 찼습니다');
    expect(ko[3]).toContain('재전송 1번째, 처음 보낸 뒤 1초');
  });

  it('L7: nginx is the one that sends its SYN again', () => {
    const recs = run({ mode: 'L7', servers: [{ name: 's1', concurrency: 1, backlog: 1 }], requests: [at(0), at(1), at(2)] });
    const lines = all(recs[2]!, 'en');
    expect(lines.filter((l) => l.startsWith('lb1 has heard nothing back: it sends the SYN of #3 again')).length).toBeGreaterThan(2);
  });

  it('a client with no free port: its connect() fails at once, in both languages', () => {
    const r: RequestRecord = {
      ...run({ servers: [{ name: 's1' }], requests: [at(0, 1)] })[0]!,
      outcome: 'no-port',
      hops: [{ at: 0, node: 'client', dir: 'request', in: null, out: null, drop: 'no-port' }],
    };
    expect(narrate(r, 0, 'en')).toBe(
      '203.0.113.10 has no free port left toward the VIP (each is held by an open connection): its connect() for #1 fails at once (EADDRNOTAVAIL)',
    );
    expect(narrate(r, 0, 'ko')).toContain('EADDRNOTAVAIL');
  });
});
