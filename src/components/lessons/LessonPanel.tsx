import { useEffect, useRef, useState } from 'react';
import { lessonById, LESSONS } from '../../lessons/index.ts';
import { moveStep } from '../../lessons/run.ts';
import type { LessonTarget } from '../../lessons/types.ts';
import { useLab, useLabStore, useT } from '../../store/context.tsx';
import { usePrefersReducedMotion } from '../topology/useReducedMotion.ts';
import { QuizView } from './QuizView.tsx';
import { LayerLadder } from './LayerLadder.tsx';
import { focusLessonsButton } from './LessonsButton.tsx';
import { bringIntoView, outline, type Outlined, TARGETS } from './targets.ts';
import { useFloating } from './useFloating.ts';
import { useLessonHeight } from './useLessonHeight.ts';
import './lessons.css';

/**
 * The open lesson's current step: its words, the parts of the page it outlines, its question.
 * It shows whatever store.lesson says (a shared link may set it) and moves only when asked.
 * Its words scroll; its buttons (Back, Check, Next, Close) stay at its foot, always in view.
 */
export function LessonPanel() {
  const t = useT();
  const store = useLabStore();
  const lang = useLab((s) => s.lang);
  const open = useLab((s) => s.lesson);
  const hidden = useLab((s) => s.hidden);
  const togglePanel = useLab((s) => s.togglePanel);
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
  }, [step, hidden]);
  // Once the step's words (and any note) are laid out, so the sheet has its height: what it
  // outlines comes into the part of the screen the lesson leaves free.
  useEffect(() => {
    const marked = outlined?.marked.filter((el) => el.isConnected) ?? [];
    if (marked.length > 0) bringIntoView(marked, panel.current, !reduced);
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
          <p className="lesson-body">{step.body[lang]}</p>
          {step.figure === 'layers' && <LayerLadder />}
          {shown.length > 0 && <p className="hint">{t('lessons.highlighted', { parts: shown.map(name).join(', ') })}</p>}
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
          <button type="button" onClick={close}>
            {t('lessons.close')}
          </button>
        </div>
      </section>
    </>
  );
}
