import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Quiz } from '../../lessons/types.ts';
import type { Said } from '../../sim/said.ts';
import type { Lang } from '../../i18n/index.ts';
import { useLab, useLabStore, useT } from '../../store/context.tsx';

type Asked = ReturnType<Quiz['ask']>;

const choiceText = (c: string | Said | undefined, lang: Lang) => (c === undefined ? '' : typeof c === 'string' ? c : c[lang]);

/**
 * Predict, then see: choices read from the run, feedback, and the moment that shows the answer.
 * Its Check (then Show me) button goes among the step's buttons (`actions`), which never scroll
 * out of view, whatever the length of the question.
 */
export function QuizView({ quiz, actions }: { quiz: Quiz; actions: HTMLElement | null }) {
  const t = useT();
  const store = useLabStore();
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.trace);
  const scenario = useLab((s) => s.scenario);
  // The question belongs to the run the step set up. While the next step's run loads, this step
  // is still shown over the new run, which may not have what the question reads (a request, an
  // IPVS pick): the question stays as its own run asked it. (The lesson tests ask every question
  // on its own run, so a question that fails there is not hidden by this.)
  const fresh = useMemo((): Asked | Error => {
    try {
      return quiz.ask({ scenario, trace });
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  }, [quiz, scenario, trace]);
  const [kept, setKept] = useState<Asked | null>(null);
  if (!(fresh instanceof Error) && fresh !== kept) setKept(fresh);
  const asked = fresh instanceof Error ? kept : fresh;
  if (!asked) throw fresh;
  const [choice, setChoice] = useState<number | null>(null);
  const [checked, setChecked] = useState(false);
  const [nudge, setNudge] = useState(false);
  const name = `quiz-${quiz.question.en.length}`;
  const feedback = useRef<HTMLDivElement>(null);
  const showMe = useRef<HTMLButtonElement>(null);
  const nudgeLine = useRef<HTMLParagraphElement>(null);

  // The Check button goes away when pressed: focus moves on to Show me, and the feedback
  // scrolls into the lesson's view.
  useEffect(() => {
    if (!checked) return;
    showMe.current?.focus({ preventScroll: true });
    feedback.current?.scrollIntoView({ block: 'nearest' });
  }, [checked]);
  useEffect(() => {
    if (nudge) nudgeLine.current?.scrollIntoView({ block: 'nearest' });
  }, [nudge]);

  const check = () => {
    if (choice === null) {
      setNudge(true);
      return;
    }
    setChecked(true);
  };
  const show = () => {
    const s = store.getState();
    s.pause();
    s.seek(asked.revealAt);
    if (asked.revealSelect !== undefined) s.select(asked.revealSelect);
  };
  const right = checked && choice === asked.answer;
  const button = checked ? (
    <button ref={showMe} type="button" className="primary" onClick={show}>
      {t('lessons.showMe')}
    </button>
  ) : (
    <button type="button" onClick={check}>
      {t('lessons.check')}
    </button>
  );
  return (
    <fieldset className="quiz">
      <legend>{t('lessons.quiz')}</legend>
      <p className="quiz-question">{quiz.question[lang]}</p>
      <div role="radiogroup" aria-label={quiz.question[lang]}>
        {asked.choices.map((c, i) => (
          <label key={i} className="check quiz-choice">
            <input
              type="radio"
              name={name}
              checked={choice === i}
              disabled={checked}
              onChange={() => {
                setChoice(i);
                setNudge(false);
              }}
            />
            {choiceText(c, lang)}
          </label>
        ))}
      </div>
      {nudge && (
        <p ref={nudgeLine} className="hint" role="status">
          {t('lessons.pick')}
        </p>
      )}
      {checked && (
        <div ref={feedback} className={`quiz-feedback ${right ? 'quiz-right' : 'quiz-wrong'}`} role="status">
          <p>
            <strong>
              {right ? `✓ ${t('lessons.right')}` : `✗ ${t('lessons.wrong', { answer: choiceText(asked.choices[asked.answer], lang) })}`}
            </strong>
          </p>
          <p>{asked.why[lang]}</p>
          {!right && (
            <button
              type="button"
              onClick={() => {
                setChecked(false);
                setChoice(null);
              }}
            >
              {t('lessons.tryAgain')}
            </button>
          )}
        </div>
      )}
      {actions && createPortal(button, actions)}
    </fieldset>
  );
}
