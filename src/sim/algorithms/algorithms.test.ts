import { describe, expect, it } from 'vitest';
import { IP_HASH_START } from './ipHash.ts';
import { createPeers } from './peers.ts';
import { pickPeer, pickPeerExplained, type NginxAlgorithm } from './pick.ts';

function peersOf(weights: number[]) {
  return createPeers(
    weights.map((weight, i) => ({
      name: String.fromCharCode(97 + i),
      weight,
      maxFails: 1,
      failTimeoutMs: 10_000,
      maxConns: 0,
    })),
  );
}

function pickMany(algorithm: NginxAlgorithm, weights: number[], n: number, client = '10.1.2.3'): string[] {
  const peers = peersOf(weights);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const octets = client.split('.').map(Number).slice(0, 3) as [number, number, number];
    const peer = pickPeer(algorithm, peers, 0, { octets, hash: IP_HASH_START, hashTries: 0, triedPeers: 0 });
    out.push(peer!.name);
    peer!.conns--; // each request finishes before the next
  }
  return out;
}

describe('smooth weighted round robin (DESIGN.md vectors)', () => {
  it('{a:5,b:1,c:1} -> a a b a c a a', () => {
    expect(pickMany('weighted-round-robin', [5, 1, 1], 7).join(' ')).toBe('a a b a c a a');
  });
  it('{1,1,1} -> a b c a b c', () => {
    expect(pickMany('weighted-round-robin', [1, 1, 1], 6).join(' ')).toBe('a b c a b c');
  });
  it('{3,2,1} -> a b a c b a', () => {
    expect(pickMany('weighted-round-robin', [3, 2, 1], 6).join(' ')).toBe('a b a c b a');
  });
  it('round robin ignores weights, as nginx without weight= does', () => {
    const peers = peersOf([1, 1, 1]);
    expect(pickMany('round-robin', [1, 1, 1], 6)).toEqual(pickMany('weighted-round-robin', [1, 1, 1], 6));
    expect(peers).toHaveLength(3);
  });
});

describe('explanations', () => {
  it('records current weights before and after, and the total paid back', () => {
    const peers = peersOf([5, 1, 1]);
    const { decision } = pickPeerExplained('weighted-round-robin', peers, 0, {
      octets: [1, 2, 3],
      hash: IP_HASH_START,
      hashTries: 0,
      triedPeers: 0,
    });
    expect(decision!.before.map((p) => p.currentWeight)).toEqual([0, 0, 0]);
    expect(decision!.after.map((p) => p.currentWeight)).toEqual([-2, 1, 1]);
    expect(decision!.total).toBe(7);
    expect(decision!.chosen).toBe('a');
  });

  it('shows the ip_hash arithmetic step by step', () => {
    const peers = peersOf([1, 1, 1]);
    const { decision } = pickPeerExplained('ip-hash', peers, 0, {
      octets: [192, 168, 0],
      hash: IP_HASH_START,
      hashTries: 0,
      triedPeers: 0,
    });
    const round = decision!.ipHash![0]!;
    expect(round.steps[0]).toEqual({ hash: 89, octet: 192, result: (89 * 113 + 192) % 6271 });
    expect(round.hash).toBe(153);
    expect(round.w).toBe(0);
    expect(decision!.chosen).toBe('a');
  });
});
