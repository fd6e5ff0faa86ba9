import { useLab, useT } from '../../store/context.tsx';

export const LESSONS_BUTTON_ID = 'lessons-button';

/** Where focus goes back to when the list or a lesson closes. */
export const focusLessonsButton = () => document.getElementById(LESSONS_BUTTON_ID)?.focus();

/** Opens the list of lessons (in the side column, beside the drawing). */
export function LessonsButton() {
  const t = useT();
  const open = useLab((s) => s.lessonMenu);
  const setOpen = useLab((s) => s.setLessonMenu);
  return (
    <button
      type="button"
      id={LESSONS_BUTTON_ID}
      className="header-button"
      aria-expanded={open}
      aria-controls="lesson-menu"
      onClick={() => setOpen(!open)}
    >
      {t('lessons.button')}
    </button>
  );
}
