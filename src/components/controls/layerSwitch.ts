import { translateBoth } from '../../i18n/index.ts';
import type { Algorithm } from '../../sim/algorithms/pick.ts';
import type { Said } from '../../sim/said.ts';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { FORWARDING_DRAWING } from '../topology/forwardingDrawing.ts';
import { layerPatch } from './L7Controls.tsx';

type EventInput = NonNullable<ScenarioInput['events']>[number];

/** What a switch of layer changes: the scenario, the user's actions, and what to tell the class. */
export interface LayerSwitch {
  patch: Partial<ScenarioInput>;
  events: (userEvents: readonly EventInput[]) => EventInput[];
  /** What changed besides the layer, in both languages, for the notice; null when nothing did. */
  said: Said | null;
}

const WLC: Algorithm = 'weighted-least-connections';
const LC: Algorithm = 'least-connections';

const isWlc = (e: EventInput) => e.action === 'set-algorithm' && e.algorithm === WLC;
const toLc = (events: readonly EventInput[]) => events.map((e) => (isWlc(e) ? { ...e, algorithm: LC } : e));

/**
 * A switch of layer as a teacher expects it: the run starts again in the other layer with the
 * same traffic. Going to L7, what only L4 has gives way instead of refusing the switch, and the
 * notice says so: IPVS's weighted least connections becomes nginx's least connections (which
 * already weighs), wherever the scenario or the user chose it; a forwarding mode and a
 * persistence timeout go (an L7 balancer is a proxy, and keeps a client with ip-hash or sticky).
 */
export function switchLayer(mode: 'L4' | 'L7', base: ScenarioInput, userEvents: readonly EventInput[]): LayerSwitch {
  const patch = layerPatch(mode);
  const checks = checksGiveWay(mode, base.healthCheck);
  if (checks) patch.healthCheck = checks;
  const checksSaid = checks ? translateBoth(mode === 'L4' ? 'failover.hc.toL4' : 'failover.hc.toL7') : null;
  if (mode === 'L4') return { patch, events: (e) => [...e], said: checksSaid };
  const wlc = base.algorithm === WLC || (base.events ?? []).some(isWlc) || userEvents.some(isWlc);
  if (base.algorithm === WLC) patch.algorithm = LC;
  if (base.events?.some(isWlc)) patch.events = toLc(base.events);
  const forwarding = base.forwarding && base.forwarding !== 'full-nat' ? base.forwarding : null;
  patch.forwarding = undefined;
  patch.persistenceTimeoutMs = undefined;
  const parts: Said[] = [];
  if (wlc) parts.push(translateBoth('forwarding.toL7.wlc'));
  if (forwarding) parts.push(translateBoth('forwarding.toL7.mode', { mode: translateBoth(FORWARDING_DRAWING[forwarding].label) }));
  if (checksSaid) parts.push(checksSaid);
  const said = parts.length ? { en: parts.map((p) => p.en).join(' '), ko: parts.map((p) => p.ko).join(' ') } : null;
  return { patch, events: toLc, said };
}

/**
 * The health checks in the other layer: L7's are HAProxy's (fall, rise), L4's keepalived's
 * TCP_CHECK (retries, retryDelayMs), and the scenario refuses either's in the other layer; the
 * interval and timeout stay. Null when nothing has to go.
 */
function checksGiveWay(mode: 'L4' | 'L7', hc: ScenarioInput['healthCheck']): ScenarioInput['healthCheck'] | null {
  const other = mode === 'L4' ? ['fall', 'rise'] : ['retries', 'retryDelayMs'];
  if (!hc || other.every((k) => !(k in hc))) return null;
  return Object.fromEntries(Object.entries(hc).filter(([k]) => !other.includes(k)));
}
