import type { ReactNode } from 'react';
import type { Lang } from '../../../i18n/index.ts';
import { ownText } from '../../../i18n/ownSection.ts';
import { ipvsMarkWords } from '../../../i18n/sections/ipvsMarks.ts';
import type { IpvsDecision } from '../../../sim/algorithms/ipvs/registry.ts';
import type { RequestRecord } from '../../../sim/types.ts';
import { HashTag, hashTagSize } from './HashTag.tsx';
import { cwBars, cwBarText, overheadDots, shTag, walkTag } from './ipvsGlyphs.ts';
import { cwBarSize, CwBarGlyph, OverheadDotsGlyph } from './IpvsGlyphs.tsx';
import { place, placeAll, type Rect, type Side, type Size, type World } from './place.ts';
import { DOTS_SIZE } from './ServerGlyphs.tsx';

const scaled = (s: Size, k: number): Size => ({ w: s.w * k, h: s.h * k });

/** What the marks are drawn against: the stage's world (tags placed so far are solid in it) and its boxes. */
export interface MarkStage {
  world: World;
  boxOf: (id: string) => Rect | undefined;
  /** Servers on the stage, in the page's order. */
  servers: readonly string[];
  k: number;
  serverSides: readonly Side[];
  balancerSides: readonly Side[];
}

/**
 * The marks for an L4 pick (IPVS), placed as nginx's are: rr's walk as a tag by the balancer,
 * wrr's weights against its cw beside each server, lc/wlc's counts and overhead
 * beside each server, sh's bucket as a tag by the balancer. Each placed rectangle is pushed on
 * `placed` and made solid, so the next mark and the packets' header tag keep off it.
 */
export function ipvsMarks(
  d: IpvsDecision,
  record: RequestRecord,
  lb: string,
  inService: readonly { name: string; weight: number; out: boolean }[],
  stage: MarkStage,
  placed: Rect[],
  lang: Lang,
): ReactNode[] {
  const { world, boxOf, k } = stage;
  const parts: ReactNode[] = [];
  const keep = (r: Rect) => {
    world.solid.push(r);
    placed.push(r);
  };
  // The first of `texts` that fits by the balancer (a narrow stage takes the short one), or none.
  const tag = (key: string, texts: readonly string[], server: string, label: string) => {
    const b = boxOf(lb);
    if (!b) return;
    for (const text of texts) {
      const r = place(b, scaled(hashTagSize(text), k), stage.balancerSides, world);
      if (!r) continue;
      keep(r);
      parts.push(<HashTag key={key} text={text} server={server} place={r} k={k} label={label} />);
      return;
    }
  };
  switch (d.scheduler) {
    case 'rr': {
      const text = walkTag(d, lang);
      tag('walk', [text], d.chosen ?? '', ownText(ipvsMarkWords, lang, 'cw.walkLabel', { kernel: d.scheduler, lb, text }));
      break;
    }
    case 'wrr': {
      const bars = cwBars(d, inService).filter((b) => stage.servers.includes(b.server) && boxOf(b.server));
      const size = cwBarSize(bars);
      const spots = placeAll(
        bars.map((b) => boxOf(b.server)!),
        scaled(size, k),
        stage.serverSides,
        world,
      );
      for (const r of spots) if (r) placed.push(r);
      const list = bars.map((b) => `${b.server} ${cwBarText(b)}`).join(', ');
      parts.push(
        <g
          key="bars"
          className="cw-bars"
          role="img"
          data-algorithm="wrr"
          aria-label={ownText(ipvsMarkWords, lang, 'cw.cwBars', { cw: d.cwAfter, list })}
        >
          {bars.map((b, i) => spots[i] && <CwBarGlyph key={b.server} bar={b} place={spots[i]} k={k} w={size.w} />)}
        </g>,
      );
      break;
    }
    case 'lc':
    case 'wlc': {
      const dots = overheadDots(d).filter((x) => stage.servers.includes(x.server) && boxOf(x.server));
      const spots = placeAll(
        dots.map((x) => boxOf(x.server)!),
        scaled(DOTS_SIZE, k),
        stage.serverSides,
        world,
      );
      for (const r of spots) if (r) placed.push(r);
      const list = dots
        .map((x) =>
          ownText(ipvsMarkWords, lang, 'cw.overheadItem', { server: x.server, active: x.active, inactive: x.inactive, value: x.value }),
        )
        .join('; ');
      parts.push(
        <g
          key="dots"
          className="cw-conns"
          role="img"
          data-algorithm={d.scheduler}
          aria-label={ownText(ipvsMarkWords, lang, 'cw.overheadDots', { kernel: d.scheduler, list })}
        >
          {dots.map((x, i) => spots[i] && <OverheadDotsGlyph key={x.server} dots={x} place={spots[i]} k={k} />)}
        </g>,
      );
      break;
    }
    case 'sh': {
      const t = shTag(d, record.client, lang);
      if (t) {
        const label = ownText(ipvsMarkWords, lang, 'cw.shLabel', { lb, key: record.client, bucket: d.bucket, server: d.bucketDest ?? '—' });
        tag('hash', [t.text, t.short], t.server, label);
      }
      break;
    }
  }
  return parts;
}
