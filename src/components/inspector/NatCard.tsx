import { FORWARDING } from '../../sim/forwarding.ts';
import { useMemo } from 'react';
import { AnimatePresence, MotionConfig, m, useReducedMotion } from 'framer-motion';
import type { MessageKey } from '../../i18n/index.ts';
import { natForwarding, type NatForwardingKey } from '../../i18n/sections/natForwarding.ts';
import { useLab, useOwnT, useT } from '../../store/context.tsx';
import { useSelectedRecord } from '../../store/hooks.ts';
import { isClient } from '../../sim/nodes.ts';
import type { Header } from '../../sim/types.ts';
import { headerChange, type HeaderChange } from './headerDiff.ts';
import { Addr } from './HeaderParts.tsx';
import { natStory, type NatStory } from './natCaption.ts';
import { drawingOf } from '../topology/forwardingDrawing.ts';
import { natFocus, type Role } from './natFocus.ts';
import './inspector.css';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

function roleName(t: T, role: Role): string {
  switch (role.kind) {
    case 'vip':
      return t('nat.role.vip');
    case 'client':
      return t('nat.role.client');
    case 'other':
      return t('nat.role.other');
    default:
      return role.name;
  }
}

/** The card's own words for the forwarding modes (natForwarding.ts). */
type Own = (key: NatForwardingKey, params?: Record<string, string | number>) => string;

function caption(t: T, own: Own, story: NatStory, mode: 'L4' | 'L7'): string {
  switch (story.kind) {
    case 'same':
      return t('nat.caption.same');
    case 'noServer':
      return t(mode === 'L4' ? 'nat.caption.noServerL4' : 'nat.caption.noServer');
    case 'dropped':
      return t('nat.caption.dropped');
    case 'read':
      return t('nat.caption.read');
    case 'resent':
      return t('nat.caption.resent');
    case 'proxied':
      return t('nat.caption.proxied');
    case 'mac':
      return own('caption.mac', {
        from: `${own('role.mac', { name: story.from.name })} (${story.from.mac})`,
        to: `${own('role.mac', { name: story.to.name })} (${story.to.mac})`,
      });
    case 'outer':
      return own('caption.outer', { src: story.src, dst: story.dst, server: story.server });
    case 'rewrite':
      return story.rewrites
        .map((w) =>
          t(`nat.caption.${w.field}`, {
            from: roleName(t, w.from),
            to: `${roleName(t, w.to)} (${w.toAddr})`,
          }),
        )
        .join('; ');
  }
}

/** Addresses ("198.51.100.1:80", "10.0.0.12") in a sentence, each kept whole on one line. */
const ADDRESS = /(\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?)/;
function withWholeAddresses(text: string) {
  return text.split(ADDRESS).map((part, i) =>
    i % 2 ? (
      <span key={i} className="nat-addr">
        {part}
      </span>
    ) : (
      part
    ),
  );
}

/**
 * The rewrite at the balancer, in place: the header a packet arrived with and the one it left
 * with, the changed fields marked, and the same in words. It follows the selected request while
 * that has just left a balancer, otherwise the latest packet to cross one. Meant to sit over
 * the drawing next to the balancer (about 22rem wide); it reads everything from the store.
 */
export function NatCard() {
  const t = useT();
  const own = useOwnT(natForwarding);
  const trace = useLab((s) => s.trace);
  const time = useLab((s) => s.time);
  const scenario = useLab((s) => s.scenario);
  const selected = useSelectedRecord();
  const reduced = useReducedMotion() ?? false;
  const focus = useMemo(() => natFocus(trace, selected, time), [trace, selected, time]);
  // What this forwarding mode rewrites, said once over the card (L4: L7 is a proxy, its captions say so).
  const mode = scenario.mode === 'L4' && (
    <p className="nat-mode" data-forwarding={scenario.forwarding}>
      {own(drawingOf(scenario).does)}
    </p>
  );

  if (!focus) {
    return (
      <section className="nat-card" aria-label={t('nat.label')} data-lesson-target="nat">
        {mode}
        <p className="insp-muted">{t('nat.empty')}</p>
      </section>
    );
  }
  const { record: r, hop: i } = focus;
  const hop = r.hops[i]!;
  const change = headerChange(hop.in, hop.out);
  const story = natStory(r, i, scenario);
  // L4: a server's reset crosses the NAT like any packet of the connection, to the client.
  const next = r.hops[i + 1];
  const rst = hop.dir === 'response' && hop.in !== null && next !== undefined && isClient(next.node) && next.drop === 'reset';
  const dir = t(rst ? 'nat.reset' : hop.dir === 'request' ? 'nat.request' : 'nat.response');

  return (
    <MotionConfig reducedMotion="user">
      <section className="nat-card" aria-label={t('nat.label')} data-lesson-target="nat">
        <h3 className="nat-title">
          <span>
            {t(scenario.mode === 'L4' && !FORWARDING[scenario.forwarding].dnat ? 'nat.titleIpvs' : 'nat.title', { lb: hop.node })} ·{' '}
            <span className="nat-dir">{dir}</span>
          </span>
          <span className="nat-which">{t(focus.selected ? 'nat.which.selected' : 'nat.which.latest', { id: r.id })}</span>
        </h3>
        {mode}
        <AnimatePresence initial={false}>
          <m.div
            key={`${r.id}-${i}`}
            className="nat-body"
            initial={reduced ? false : { y: -4 }}
            animate={{ y: 0 }}
            transition={{ duration: reduced ? 0 : 0.25 }}
          >
            <table className="nat-table">
              <thead>
                <tr>
                  <td></td>
                  <th scope="col">{t('nat.arrived')}</th>
                  <th scope="col" aria-hidden="true"></th>
                  <th scope="col">{t('nat.left')}</th>
                </tr>
              </thead>
              <tbody>
                <FieldRow
                  label={t('inspector.srcShort')}
                  field="src"
                  inH={hop.in}
                  outH={hop.out}
                  change={change}
                  reduced={reduced}
                  none={t('nat.none')}
                />
                <FieldRow
                  label={t('inspector.dstShort')}
                  field="dst"
                  inH={hop.in}
                  outH={hop.out}
                  change={change}
                  reduced={reduced}
                  none={t('nat.none')}
                />
                {story.kind === 'mac' && (
                  <ExtraRow label={t('forwarding.key.mac')} field="mac" from={story.from.mac} to={story.to.mac} reduced={reduced} />
                )}
                {story.kind === 'outer' && (
                  <ExtraRow
                    label={t('forwarding.key.outer')}
                    field="outer"
                    from={t('nat.none')}
                    to={`${story.src} → ${story.dst}`}
                    reduced={reduced}
                  />
                )}
              </tbody>
            </table>
            <p className="nat-caption" data-testid="nat-caption">
              {dir}: {withWholeAddresses(caption(t, own, story, scenario.mode))}
            </p>
          </m.div>
        </AnimatePresence>
      </section>
    </MotionConfig>
  );
}

interface FieldRowProps {
  label: string;
  field: 'src' | 'dst';
  inH: Header | null;
  outH: Header | null;
  change: HeaderChange;
  reduced: boolean;
  none: string;
}

function FieldRow({ label, field, inH, outH, change, reduced, none }: FieldRowProps) {
  const changed = change[field];
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{inH ? <Addr value={inH[field]} /> : none}</td>
      <td aria-hidden="true" className="nat-arrow">
        →
      </td>
      <td>
        {outH ? (
          // A short flash on the rewritten address when the card changes; none under reduced motion.
          <m.span
            className="nat-flash"
            initial={reduced || !changed ? false : { backgroundColor: 'rgba(240, 228, 66, 0.9)' }}
            animate={{ backgroundColor: 'rgba(240, 228, 66, 0)' }}
            transition={{ duration: reduced ? 0 : 0.9 }}
          >
            <Addr value={outH[field]} changed={changed} />
          </m.span>
        ) : (
          none
        )}
      </td>
    </tr>
  );
}

/**
 * The row of what a mode rewrites outside the IP header: direct routing's destination MAC (the
 * balancer's, then the server's), a tunnel's outer header (none, then balancer → server).
 */
function ExtraRow({ label, field, from, to, reduced }: { label: string; field: string; from: string; to: string; reduced: boolean }) {
  return (
    <tr data-field={field}>
      <th scope="row">{label}</th>
      <td>
        <Addr value={from} />
      </td>
      <td aria-hidden="true" className="nat-arrow">
        →
      </td>
      <td>
        <m.span
          className="nat-flash"
          initial={reduced ? false : { backgroundColor: 'rgba(240, 228, 66, 0.9)' }}
          animate={{ backgroundColor: 'rgba(240, 228, 66, 0)' }}
          transition={{ duration: reduced ? 0 : 0.9 }}
        >
          <Addr value={to} changed />
        </m.span>
      </td>
    </tr>
  );
}
