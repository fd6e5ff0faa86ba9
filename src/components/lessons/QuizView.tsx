import { useMemo, useState } from 'react';
import type { Quiz, Text } from '../../lessons/types.ts';
import type { Lang } from '../../i18n/index.ts';
import { useLab, useLabStore, useT } from '../../store/context.tsx';

const choiceText = (c: string | Text | undefined, lang: Lang) => (c === undefined ? '' : typeof c === 'string' ? c : c[lang]);

/** Predict, then see: choices read from the run, feedback, and the moment that shows the answer. */
export function QuizView({ quiz }: { quiz: Quiz }) {
  const t = useT();
  const store = useLabStore();
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.trace);
  const scenario = useLab((s) => s.scenario);
  // The question belongs to the run the step set up.
  const asked = useMemo(() => quiz.ask({ scenario, trace }), [quiz, scenario, trace]);
  const [choice, setChoice] = useState<number | null>(null);
  const [checked, setChecked] = useState(false);
  const [nudge, setNudge] = useState(false);
  const name = `quiz-${quiz.question.en.length}`;

  const check = () => {
    if (choice === null) { setNudge(true); return; }
    setChecked(true);
  };
  const show = () => {
    const s = store.getState();
    s.pause();
    s.seek(asked.revealAt);
    if (asked.revealSelect !== undefined) s.select(asked.revealSelect);
  };
  const right = checked && choice === asked.answer;
  return (
    <fieldset className="quiz">
      <legend>{t('lessons.quiz')}</legend>
      <p className="quiz-question">{quiz.question[lang]}</p>
      <div role="radiogroup" aria-label={quiz.question[lang]}>
        {asked.choices.map((c, i) => (
          <label key={i} className="check quiz-choice">
            <input type="radio" name={name} checked={choice === i} disabled={checked}
              onChange={() => { setChoice(i); setNudge(false); }} />
            {choiceText(c, lang)}
          </label>
        ))}
      </div>
      {!checked && <button type="button" onClick={check}>{t('lessons.check')}</button>}
      {nudge && <p className="hint" role="status">{t('lessons.pick')}</p>}
      {checked && (
        <div className={`quiz-feedback ${right ? 'quiz-right' : 'quiz-wrong'}`} role="status">
          <p><strong>{right ? `✓ ${t('lessons.right')}` : `✗ ${t('lessons.wrong', { answer: choiceText(asked.choices[asked.answer], lang) })}`}</strong></p>
          <p>{asked.why[lang]}</p>
          <button type="button" className="primary" onClick={show}>{t('lessons.showMe')}</button>
          {!right && <button type="button" onClick={() => { setChecked(false); setChoice(null); }}>{t('lessons.tryAgain')}</button>}
        </div>
      )}
    </fieldset>
  );
}
