import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../sim/algorithms/pick.ts';
import { connDots, hashKey, isWrrPick, weightBars } from './glyphs.ts';
import { countdownAt, fractionLeft, secondsLeft } from './countdown.ts';
import type { VrrpAt } from '../../../trace/config.ts';

const peer = (name: string, weight: number, current: number) => ({
  name,
  weight,
  effectiveWeight: weight,
  currentWeight: current,
  conns: 0,
  fails: 0,
  down: false,
});

describe('what the stage draws for a pick', () => {
  it('weight bars: the current weight after the pick, the winner, negatives from zero', () => {
    // nginx smooth WRR {5,1,1}, first pick: s1 5+… wins, pays back 7.
    const d: Decision = {
      algorithm: 'weighted-round-robin',
      chosen: 's1',
      before: [peer('s1', 5, 0), peer('s2', 1, 0), peer('s3', 1, 0)],
      after: [peer('s1', 5, -2), peer('s2', 1, 1), peer('s3', 1, 1)],
      skipped: [],
      total: 7,
      tied: null,
      ipHash: null,
      path: 'algorithm',
    };
    const bars = weightBars(d);
    expect(bars.map((b) => [b.server, b.value, b.chosen])).toEqual([
      ['s1', -2, true],
      ['s2', 1, false],
      ['s3', 1, false],
    ]);
    expect(bars[0]!.share).toBeCloseTo(2 / 7);
    expect(isWrrPick(d)).toBe(true);
    expect(isWrrPick({ ...d, path: 'single' })).toBe(false);
    expect(isWrrPick({ ...d, algorithm: 'ip-hash' })).toBe(false);
  });

  it('open connections: a dot each up to eight, then "+n"', () => {
    expect(connDots(0)).toEqual({ dots: 0, more: 0 });
    expect(connDots(8)).toEqual({ dots: 8, more: 0 });
    expect(connDots(12)).toEqual({ dots: 7, more: 5 });
  });

  it('ip_hash: the key is the three octets nginx hashed', () => {
    const d = {
      ipHash: [
        {
          steps: [
            { hash: 89, octet: 203, result: 1 },
            { hash: 1, octet: 0, result: 2 },
            { hash: 2, octet: 113, result: 3 },
          ],
        },
      ],
    } as unknown as Decision;
    expect(hashKey(d)).toBe('203.0.113');
    expect(hashKey({ ipHash: null } as unknown as Decision)).toBeNull();
  });
});

describe("the backup's countdown", () => {
  const lb = (name: 'lb1' | 'lb2', alive: boolean, role: 'master' | 'backup', lastAdvert: number | null) => ({
    name,
    priority: name === 'lb1' ? 150 : 100,
    alive,
    role,
    since: 0,
    lastAdvert,
  });
  const at = (lb1Alive: boolean, lastAdvert: number): VrrpAt => ({
    balancers: [lb('lb1', lb1Alive, 'master', lastAdvert), lb('lb2', true, 'backup', null)],
    vip: 'lb1',
    vipAnswered: lb1Alive,
    takeover: { balancer: 'lb2', at: lastAdvert + 3609, reason: 'silence', masterDownMs: 3609 },
  });

  it('is drawn only once the master has gone quiet', () => {
    // Adverts every second: the timer restarts, nothing to show.
    expect(countdownAt(at(true, 7000), 1000, 7500)).toBeNull();
    // The master died after its advert at 7 s: the backup counts down to 10.609 s.
    const c = countdownAt(at(false, 7000), 1000, 8000)!;
    expect(c).toMatchObject({ balancer: 'lb2', start: 7000, end: 10609 });
    expect(fractionLeft(c, 8000)).toBeCloseTo(2609 / 3609);
    expect(secondsLeft(c, 8000, 'en')).toBe('2.7');
    expect(secondsLeft(c, 10609, 'en')).toBe('0.0');
    // An advert overdue counts as silence too; after the takeover, nothing.
    expect(countdownAt(at(true, 7000), 1000, 8100)).not.toBeNull();
    expect(countdownAt(at(false, 7000), 1000, 10609)).toBeNull();
  });
});
