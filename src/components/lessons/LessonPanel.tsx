import { useEffect, useRef } from 'react';
import { lessonById, LESSONS } from '../../lessons/index.ts';
import { moveStep } from '../../lessons/run.ts';
import { useLab, useLabStore, useT } from '../../store/context.tsx';
import { usePrefersReducedMotion } from '../topology/useReducedMotion.ts';
import { QuizView } from './QuizView.tsx';
import { LayerLadder } from './LayerLadder.tsx';
import { focusLessonsButton } from './LessonsButton.tsx';
import { highlight } from './targets.ts';

/**
 * The open lesson's current step: its words, the parts of the page it outlines, its question.
 * It shows whatever store.lesson says (a shared link may set it) and moves only when asked.
 */
export function LessonPanel() {
  const t = useT();
  const store = useLabStore();
  const lang = useLab((s) => s.lang);
  const open = useLab((s) => s.lesson);
  const setLesson = useLab((s) => s.setLesson);
  const reduced = usePrefersReducedMotion();
  const lesson = open ? lessonById(open.id) : undefined;
  const step = lesson?.steps[open!.step];

  // The outline follows the step.
  useEffect(() => (step ? highlight(step.highlight, !reduced) : undefined), [step, reduced]);
  // A lesson that opens, or is started again from the list, takes the focus (the list is gone).
  // The panel is sticky or fixed, so in view without scrolling, which would fight the
  // highlight's own scroll.
  const title = useRef<HTMLHeadingElement>(null);
  const openId = open?.id;
  const listOpen = useLab((s) => s.lessonMenu);
  useEffect(() => { if (openId && !listOpen) title.current?.focus({ preventScroll: true }); }, [openId, listOpen]);
  const close = () => {
    setLesson(null);
    focusLessonsButton();
  };

  if (!open || !lesson || !step) return null;
  const k = open.step;
  const last = k === lesson.steps.length - 1;
  return (
    <section className="panel lesson-panel" aria-label={t('lessons.region')} aria-live="polite">
      <div className="lesson-head">
        <p className="lesson-title">{lesson.title[lang]}</p>
        <p className="lesson-count">{t('lessons.step', { k: k + 1, n: lesson.steps.length })}</p>
      </div>
      <h2 ref={title} tabIndex={-1} className="lesson-step-title">{step.title[lang]}</h2>
      <p className="lesson-body">{step.body[lang]}</p>
      {step.figure === 'layers' && <LayerLadder />}
      <p className="hint">{t('lessons.highlighted', { parts: step.highlight.map((h) => t(`lessons.target.${h}`)).join(', ') })}</p>
      {step.quiz && <QuizView key={`${lesson.id}:${k}`} quiz={step.quiz} />}
      <div className="lesson-nav">
        <button type="button" disabled={k === 0} onClick={() => moveStep(store, -1, LESSONS)}>{t('lessons.back')}</button>
        {last
          ? <button type="button" className="primary" onClick={close}>{t('lessons.done')}</button>
          : <button type="button" className="primary" onClick={() => moveStep(store, 1, LESSONS)}>{t('lessons.next')}</button>}
        <button type="button" onClick={close}>{t('lessons.close')}</button>
      </div>
    </section>
  );
}
