import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { lessonById, LESSONS } from '../../lessons/index.ts';
import { moveStep } from '../../lessons/run.ts';
import type { LessonTarget } from '../../lessons/types.ts';
import { useLab, useLabStore, useT } from '../../store/context.tsx';
import { usePrefersReducedMotion } from '../topology/useReducedMotion.ts';
import { QuizView } from './QuizView.tsx';
import { LayerLadder } from './LayerLadder.tsx';
import { focusLessonsButton } from './LessonsButton.tsx';
import { bringIntoView, outline, type Outlined, placeFor, TARGETS } from './targets.ts';
import { useFloating } from './useFloating.ts';
import { useLessonHeight } from './useLessonHeight.ts';
import { splitLead, useFold } from './useFold.ts';
import './lessons.css';

/**
 * The open lesson's current step: its words, the parts of the page it outlines, its question.
 * It shows whatever store.lesson says (a shared link may set it) and moves only when asked.
 * Beside the stage it is a card at the top of the "now" column, as tall as its words: when a
 * step's words, question and choices would not fit there, all but the first sentence fold into
 * "More". A step about a detail panel brings that panel beside the stage (the column's tab), a
 * step about why, NAT or VRRP selects that tab: the page never scrolls away from the stage.
 * On a phone it is a sheet at the foot of the screen; its words scroll there.
 * Its buttons (Back, Check, Next, Close) stay at its foot, always in view.
 */
export function LessonPanel() {
  const t = useT();
  const store = useLabStore();
  const lang = useLab((s) => s.lang);
  const open = useLab((s) => s.lesson);
  const hidden = useLab((s) => s.hidden);
  const togglePanel = useLab((s) => s.togglePanel);
  const setBeside = useLab((s) => s.setBeside);
  const setNowTab = useLab((s) => s.setNowTab);
  const beside = useLab((s) => s.beside);
  const nowTab = useLab((s) => s.nowTab);
  const setLesson = useLab((s) => s.setLesson);
  const reduced = usePrefersReducedMotion();
  const lesson = open ? lessonById(open.id) : undefined;
  const step = lesson?.steps[open!.step];
  const panel = useRef<HTMLElement>(null);
  const [outlined, setOutlined] = useState<Outlined | null>(null);
  // Where the quiz puts its Check / Show me button: among the step buttons, never scrolled away.
  const [actions, setActions] = useState<HTMLSpanElement | null>(null);
  useLessonHeight(panel, open !== null);
  const floating = useFloating(panel, open !== null);

  // What the step is about comes beside the stage: its detail panel (unless the teacher hid it),
  // or its tab of the column. Closing the lesson takes the panel back below.
  useLayoutEffect(() => {
    if (!step) return;
    const place = placeFor(step.highlight.filter((name) => TARGETS[name].beside === undefined || !hidden.includes(TARGETS[name].beside!)));
    if (place && 'beside' in place) setBeside(place.beside);
    else {
      setBeside(null);
      if (place) setNowTab(place.tab);
    }
  }, [step, hidden, setBeside, setNowTab]);
  useEffect(() => () => setBeside(null), [setBeside]);
  const fold = useFold(panel, step, open !== null);

  // The outline follows the step, and a panel shown or hidden while it is open. A part that
  // renders a moment later (a panel loading on first use) is outlined when it comes.
  useEffect(() => {
    if (!step) return undefined;
    let current: Outlined | null = null;
    const apply = () => {
      current?.undo();
      current = outline(step.highlight);
      setOutlined(current);
    };
    // After the frame that drew the step's moment, so its parts are on the page.
    const frame = requestAnimationFrame(apply);
    const retry = window.setTimeout(() => {
      if (current?.missing.length) apply();
    }, 500);
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(retry);
      current?.undo();
    };
  }, [step, hidden, beside, nowTab]);
  // Once the step's words (and any note) are laid out, so the sheet has its height: what it
  // outlines comes into the part of the screen the lesson leaves free.
  useEffect(() => {
    const marked = outlined?.marked.filter((el) => el.isConnected) ?? [];
    if (marked.length === 0) return;
    bringIntoView(marked, panel.current, !reduced);
    // A smooth scroll can end a few pixels short when the page moves under it (the sheet
    // settling its height): once it has ended, it is put right at once. Only this scroll's
    // end: a student's own scroll a moment later is left alone.
    const again = () => bringIntoView(marked, panel.current, false);
    window.addEventListener('scrollend', again, { once: true });
    const stop = window.setTimeout(() => window.removeEventListener('scrollend', again), 1500);
    return () => {
      window.clearTimeout(stop);
      window.removeEventListener('scrollend', again);
    };
  }, [outlined, reduced]);

  // A lesson that opens, or is started again from the list, takes the focus (the list is gone).
  // The panel is sticky or fixed, so in view without scrolling, which would fight the
  // outline's own scroll.
  const title = useRef<HTMLHeadingElement>(null);
  const openId = open?.id;
  const listOpen = useLab((s) => s.lessonMenu);
  useEffect(() => {
    if (openId && !listOpen) title.current?.focus({ preventScroll: true });
  }, [openId, listOpen]);
  const close = () => {
    setLesson(null);
    focusLessonsButton();
  };

  if (!open || !lesson || !step) return null;
  const k = open.step;
  const last = k === lesson.steps.length - 1;
  const name = (target: LessonTarget) => t(TARGETS[target].name);
  const shown = outlined?.shown ?? [];
  // Folded, a question comes first and the step's words wait under "More"; other steps keep their first sentence.
  const [lead, rest] = !fold ? [step.body[lang], ''] : step.quiz ? ['', step.body[lang]] : splitLead(step.body[lang]);
  const figure = step.figure === 'layers' && <LayerLadder />;
  return (
    <>
      {/* Keeps the lesson's place in its column while it floats, so nothing there moves. */}
      {floating && <div className="lesson-spacer" aria-hidden="true" />}
      <section
        ref={panel}
        className={`panel lesson-panel${floating ? ' lesson-floating' : ''}`}
        aria-label={t('lessons.region')}
        aria-live="polite"
      >
        {/* Focusable so that a keyboard can scroll a long step. */}
        <div className="lesson-scroll" tabIndex={0}>
          <div className="lesson-head">
            <p className="lesson-title">{lesson.title[lang]}</p>
            <p className="lesson-count">{t('lessons.step', { k: k + 1, n: lesson.steps.length })}</p>
          </div>
          <h2 ref={title} tabIndex={-1} className="lesson-step-title">
            {step.title[lang]}
          </h2>
          {lead && <p className="lesson-body">{lead}</p>}
          {fold && (rest || figure) ? (
            <details className="lesson-more">
              <summary>{t('lessons.more')}</summary>
              {rest && <p className="lesson-body">{rest}</p>}
              {figure}
            </details>
          ) : (
            figure
          )}
          {shown.length > 0 && <p className="hint lesson-outlined">{t('lessons.highlighted', { parts: shown.map(name).join(', ') })}</p>}
          {outlined && outlined.missing.length > 0 && (
            <ul className="lesson-missing">
              {outlined.missing.map((target) => {
                const id = TARGETS[target].panel;
                const isHidden = id !== undefined && hidden.includes(id);
                return (
                  <li key={target} data-target={target}>
                    {isHidden ? (
                      <>
                        {t('lessons.hidden', { name: name(target), menu: t('classroom.panels') })}{' '}
                        <button type="button" onClick={() => togglePanel(id)}>
                          {t('lessons.showPanel', { name: name(target) })}
                        </button>
                      </>
                    ) : (
                      t('lessons.absent', { name: name(target) })
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {step.quiz && <QuizView key={`${lesson.id}:${k}`} quiz={step.quiz} actions={actions} />}
        </div>
        <div className="lesson-nav" role="group" aria-label={t('lessons.actions')}>
          <button type="button" disabled={k === 0} onClick={() => moveStep(store, -1, LESSONS)}>
            {t('lessons.back')}
          </button>
          <span ref={setActions} className="lesson-quiz-actions" />
          {last ? (
            <button type="button" className="primary" onClick={close}>
              {t('lessons.done')}
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => moveStep(store, 1, LESSONS)}>
              {t('lessons.next')}
            </button>
          )}
          {/* A mark, so the step's buttons keep to one row in the narrow column; named in words. */}
          <button type="button" className="lesson-close" aria-label={t('lessons.close')} title={t('lessons.close')} onClick={close}>
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      </section>
    </>
  );
}
