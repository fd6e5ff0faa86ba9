import { useEffect } from 'react';
import { useLab, useT } from '../../store/context.tsx';
import { PANELS } from './panels.ts';
import './classroom.css';

/**
 * Classroom mode (large type, high contrast, for a projector) and the panels shown. The mode
 * is a class on <html>, so rem-sized type grows everywhere at once.
 */
export function ClassroomTools() {
  const t = useT();
  const classroom = useLab((s) => s.classroom);
  const setClassroom = useLab((s) => s.setClassroom);
  const hidden = useLab((s) => s.hidden);
  const togglePanel = useLab((s) => s.togglePanel);

  useEffect(() => {
    document.documentElement.classList.toggle('classroom', classroom);
  }, [classroom]);

  return (
    <>
      <button type="button" className="header-button classroom-toggle" aria-pressed={classroom} onClick={() => setClassroom(!classroom)}>
        {t('classroom.mode')}
      </button>
      <details className="panels-menu">
        <summary className="header-button">{t('classroom.panels')}</summary>
        <fieldset>
          <legend>{t('classroom.panelsLegend')}</legend>
          {PANELS.map((p) => (
            <label key={p.id} className="check">
              <input type="checkbox" checked={!hidden.includes(p.id)} onChange={() => togglePanel(p.id)} />
              {t(p.title)}
            </label>
          ))}
        </fieldset>
      </details>
    </>
  );
}
