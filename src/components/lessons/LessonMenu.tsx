import { useEffect, useRef } from 'react';
import { LESSONS } from '../../lessons/index.ts';
import { applyStep } from '../../lessons/run.ts';
import type { Lesson } from '../../lessons/types.ts';
import { useLab, useLabStore, useT } from '../../store/context.tsx';
import { focusLessonsButton } from './LessonsButton.tsx';
import './lessons.css';

/**
 * The lessons, grouped by the section of the notes they teach. Opening it moves focus (and the
 * page, on a one-column screen where it sits below the drawing) to it.
 */
export function LessonMenu() {
  const t = useT();
  const store = useLabStore();
  const lang = useLab((s) => s.lang);
  const setOpen = useLab((s) => s.setLessonMenu);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const sections = [...new Set(LESSONS.map((l) => l.section))];
  const start = async (lesson: Lesson) => {
    const problem = await applyStep(store, lesson, 0);
    if (problem) store.getState().reportProblem(problem);
    else setOpen(false);
  };
  return (
    <nav id="lesson-menu" className="panel lesson-menu" aria-label={t('lessons.list')}>
      <div className="lesson-head">
        <h2 ref={heading} tabIndex={-1}>
          {t('lessons.list')}
        </h2>
        <button
          type="button"
          onClick={() => {
            setOpen(false);
            focusLessonsButton();
          }}
        >
          {t('lessons.closeList')}
        </button>
      </div>
      <p className="hint">{t('lessons.intro')}</p>
      {sections.map((section) => (
        <section key={section} aria-label={t(`lessons.section.${section}`)}>
          <h3>{t(`lessons.section.${section}`)}</h3>
          {/* Numbered through the whole list, 1 to 10, not afresh in each section. */}
          <ol className="lesson-list" start={LESSONS.findIndex((l) => l.section === section) + 1}>
            {LESSONS.filter((l) => l.section === section).map((l) => (
              <li key={l.id}>
                <button type="button" className="lesson-open" onClick={() => start(l)}>
                  {l.title[lang]}
                </button>
                <span className="hint">
                  {' '}
                  {l.summary[lang]} · {t('lessons.steps', { n: l.steps.length })}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </nav>
  );
}
