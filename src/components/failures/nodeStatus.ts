import { translate, type Lang } from '../../i18n/index.ts';
import { checksToFlip, type BalancerAt, type HealthView } from '../../trace/config.ts';

/** What a server box says about the server: working or failed, and how the balancer in charge sees it. */
export interface ServerStatus {
  failed: boolean;
  /** The balancer in charge has it down (its health checks took it out). */
  down: boolean;
  lines: string[];
}

export function serverStatus(
  x: {
    failed: boolean;
    onFailure: 'refuse' | 'timeout';
    /** The balancer in charge and its view of this server (none when health checks are off). */
    inCharge: string | null;
    view: HealthView | undefined;
    healthCheck: { fall: number; rise: number } | null;
  },
  lang: Lang,
): ServerStatus {
  const lines = [translate(lang, x.failed ? `fail.server.${x.onFailure}` : 'fail.server.up')];
  let down = false;
  if (x.healthCheck && x.inCharge) {
    const hc = x.healthCheck;
    const v = x.view ?? { state: 'up', health: hc.rise };
    const n = checksToFlip(v, hc);
    const lb = x.inCharge;
    down = v.state === 'down';
    lines.push(
      v.state === 'up'
        ? n >= hc.fall
          ? translate(lang, 'fail.server.seenUp', { lb })
          : n === 1
            ? translate(lang, 'fail.server.seenLast', { lb })
            : translate(lang, 'fail.server.seenFailing', { lb, n })
        : v.health > 0
          ? translate(lang, 'fail.server.seenRising', { lb, n: v.health, rise: hc.rise })
          : translate(lang, 'fail.server.seenDown', { lb }),
    );
  }
  return { failed: x.failed, down, lines };
}

/** A balancer's role in words: "master", "backup" or "✗ failed". */
export function roleText(b: BalancerAt, lang: Lang): string {
  return translate(lang, !b.alive ? 'fail.role.failed' : b.role === 'master' ? 'fail.role.master' : 'fail.role.backup');
}
