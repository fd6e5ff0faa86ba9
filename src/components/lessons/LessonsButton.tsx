import { useLab, useT } from '../../store/context.tsx';

/** Opens the list of lessons (in the side column, beside the drawing). */
export function LessonsButton() {
  const t = useT();
  const open = useLab((s) => s.lessonMenu);
  const setOpen = useLab((s) => s.setLessonMenu);
  return (
    <button type="button" className="header-button" aria-expanded={open} aria-controls="lesson-menu" onClick={() => setOpen(!open)}>
      {t('lessons.button')}
    </button>
  );
}
