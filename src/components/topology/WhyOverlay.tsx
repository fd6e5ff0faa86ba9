import { useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import { translate } from '../../i18n/index.ts';
import { BALANCERS } from '../../sim/nodes.ts';
import { useConfigAt, useSnapshot } from '../../store/hooks.ts';
import { useLab } from '../../store/context.tsx';
import { num } from '../explain/format.ts';
import { useFailoverView } from '../failures/useFailover.ts';
import type { Layout } from './layout.ts';
import { usePrefersReducedMotion } from './useReducedMotion.ts';
import { CountdownRing, RING_SIZE } from './why/CountdownRing.tsx';
import { countdownAt } from './why/countdown.ts';
import { hashKey, isWrrPick, weightBars } from './why/glyphs.ts';
import { HashTag, hashTagSize } from './why/HashTag.tsx';
import { placeAll, place, type Rect, type Side, type Size } from './why/place.ts';
import { BAR_SIZE, ConnDotsGlyph, DOTS_SIZE, WeightBarGlyph } from './why/ServerGlyphs.tsx';
import { useStageWorld } from './why/useStageWorld.ts';
import { useWhyDecision, useWhyIpvs } from './why/useWhyDecision.ts';
import { useIpvsMarks } from './why/useIpvsMarks.ts';
import { IPVS_ALGORITHM_OF } from '../explain/ipvsAlgorithmOf.ts';
import { ipvsServersAt } from '../../trace/why.ts';
import './why/canvasWhy.css';

/** Beside a server: off to the left on the wide stage (links arrive at the middle), above or below in the tall one. */
const SERVER_SIDES: readonly Side[] = ['left', 'above', 'below', 'right', 'above-left', 'below-left'];
const BALANCER_SIDES: readonly Side[] = ['right', 'left', 'below', 'above', 'below-right', 'below-left', 'above-right', 'above-left'];

const scaled = (s: Size, k: number): Size => ({ w: s.w * k, h: s.h * k });

/**
 * The algorithm's reasons drawn on the stage, for the decision "Why this server" tells. L7
 * (nginx): current weights for (weighted) round robin, the hashed key for ip_hash, open
 * connections for least_conn. L4 (IPVS, why/ipvsMarks.tsx, loaded in L4): rr's walk, wrr's weights against its
 * one cw, lc/wlc's counts and overhead, sh's bucket. And the backup's countdown while its master
 * is silent. Each tag is placed where
 * it covers no node and crosses as few links as it can; one that cannot fit is left out.
 */
export function WhyOverlay({ layout, marks }: { layout: Layout; marks: RefObject<Rect[]> }) {
  const anchor = useRef<SVGGElement>(null);
  const lang = useLab((s) => s.lang);
  const time = useLab((s) => s.time);
  const trace = useLab((s) => s.trace);
  const selected = useLab((s) => s.selected);
  const clock = useLab((s) => s.clock);
  const advertMs = useLab((s) => s.scenario.balancers.advertIntervalMs);
  const classroom = useLab((s) => s.classroom);
  const reducedMotion = usePrefersReducedMotion();
  const { algorithm } = useConfigAt();
  const { conns } = useSnapshot();
  const failover = useFailoverView();
  const why = useWhyDecision();
  const d = why && why.decision.algorithm === algorithm ? why.decision : null;
  const told = useWhyIpvs();
  // Only a pick by the scheduler in force: after a switch, the last pick of the old one is not drawn.
  const ipvs = told && IPVS_ALGORITHM_OF[told.ipvs.scheduler] === algorithm ? told : null;
  const scenario = useLab((s) => s.scenario);
  const mode = scenario.mode;
  const ipvsMarks = useIpvsMarks(mode === 'L4');
  // The servers in the balancer's service at the pick (wrr's decision carries cw, not the list).
  const pickBy = ipvs?.balancer ?? null;
  const pickAt = ipvs?.at ?? null;
  const inService = useMemo(
    () => (pickBy !== null && pickAt !== null ? ipvsServersAt(trace, scenario, pickBy, pickAt) : []),
    [pickBy, pickAt, trace, scenario],
  );
  const countdown = countdownAt(failover.vrrp, advertMs, time);
  const stage = useStageWorld(anchor, layout, `${time} ${lang} ${classroom} ${trace.end} ${selected}`);

  let body = null;
  // Where the marks went, for the packets' header tag to keep off (PacketLayer reads it per frame).
  const placed: Rect[] = [];
  if (stage) {
    const k = stage.scale;
    const world = { ...stage.world, solid: [...stage.world.solid] };
    const boxOf = (id: string): Rect | undefined => stage.nodes.get(id);
    const parts = [];

    if (countdown) {
      const b = boxOf(countdown.balancer);
      const r = b && place(b, scaled(RING_SIZE, k), BALANCER_SIDES, world);
      if (r) {
        world.solid.push(r);
        placed.push(r);
        parts.push(
          <CountdownRing
            key="ring"
            countdown={countdown}
            clock={clock}
            place={r}
            k={k}
            lang={lang}
            time={time}
            reducedMotion={reducedMotion}
          />,
        );
      }
    }

    const key = d && algorithm === 'ip-hash' && d.chosen ? hashKey(d) : null;
    if (d && key && d.chosen && why) {
      const lb = why.record.balancer ?? BALANCERS[0];
      const text = translate(lang, 'cw.hash', { key, server: d.chosen });
      const b = boxOf(lb);
      const r = b && place(b, scaled(hashTagSize(text), k), BALANCER_SIDES, world);
      if (r) {
        world.solid.push(r);
        placed.push(r);
        parts.push(
          <HashTag
            key="hash"
            text={text}
            server={d.chosen}
            place={r}
            k={k}
            label={translate(lang, 'cw.hashLabel', { lb, key, server: d.chosen })}
          />,
        );
      }
    }

    const servers = [...layout.servers.keys()].filter((s) => stage.nodes.has(s));
    if (ipvs && ipvsMarks) {
      const stageFor = { world, boxOf, servers, k, serverSides: SERVER_SIDES, balancerSides: BALANCER_SIDES };
      for (const mark of ipvsMarks(ipvs.ipvs, ipvs.record, ipvs.balancer, inService, stageFor, placed, lang)) parts.push(mark);
    }
    const boxes = servers.map((s) => stage.nodes.get(s)!);
    if (d && isWrrPick(d)) {
      // The measured boxes may still be the previous scenario's for one render: only bars with a box.
      const bars = weightBars(d).filter((b) => layout.servers.has(b.server) && stage.nodes.has(b.server));
      const spots = placeAll(
        bars.map((b) => stage.nodes.get(b.server)!),
        scaled(BAR_SIZE, k),
        SERVER_SIDES,
        world,
      );
      for (const r of spots) if (r) placed.push(r);
      const list = bars.map((b) => `${b.server} ${num(b.value)}`).join(', ');
      const chosen = bars.find((b) => b.chosen);
      parts.push(
        <g
          key="bars"
          className="cw-bars"
          role="img"
          data-algorithm={d.algorithm}
          aria-label={[translate(lang, 'cw.bars', { list }), chosen ? translate(lang, 'cw.barsChosen', { server: chosen.server }) : '']
            .filter(Boolean)
            .join('; ')}
        >
          {bars.map((b, i) => spots[i] && <WeightBarGlyph key={b.server} bar={b} place={spots[i]} k={k} />)}
        </g>,
      );
    } else if (algorithm === 'least-connections' && mode === 'L7') {
      const spots = placeAll(boxes, scaled(DOTS_SIZE, k), SERVER_SIDES, world);
      for (const r of spots) if (r) placed.push(r);
      const chosen = d?.chosen ?? null;
      const list = servers.map((s) => `${s} ${conns[s] ?? 0}`).join(', ');
      parts.push(
        <g
          key="dots"
          className="cw-conns"
          role="img"
          aria-label={[translate(lang, 'cw.dots', { list }), chosen ? translate(lang, 'cw.dotsChosen', { server: chosen }) : '']
            .filter(Boolean)
            .join('; ')}
        >
          {servers.map(
            (s, i) => spots[i] && <ConnDotsGlyph key={s} server={s} count={conns[s] ?? 0} chosen={s === chosen} place={spots[i]} k={k} />,
          )}
        </g>,
      );
    }
    body = parts;
  }

  const placedKey = placed.map((r) => `${r.x},${r.y},${r.w},${r.h}`).join(' ');
  useLayoutEffect(() => {
    marks.current = placed;
    clock.redraw();
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- `placed` is new at each render; its key says when it moved
  }, [placedKey, marks, clock]);

  return (
    <g ref={anchor} className="canvas-why">
      {body}
    </g>
  );
}
