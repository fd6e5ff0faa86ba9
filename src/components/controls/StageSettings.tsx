import { ALGORITHMS, type Algorithm } from '../../sim/algorithms/pick.ts';
import { useConfigAt } from '../../store/hooks.ts';
import { useLab, useT } from '../../store/context.tsx';
import { layerPatch } from './L7Controls.tsx';
import { usePending } from './usePending.ts';

/**
 * The two choices the stage is about, in the toolbar over it: the layer and the algorithm.
 * A change while running becomes an event at the current moment.
 */
export function StageSettings() {
  const t = useT();
  const config = useConfigAt();
  const act = useLab((s) => s.act);
  const configure = useLab((s) => s.configure);
  const [mode, setMode] = usePending(useLab((s) => s.scenario.mode));
  const [algorithm, setAlgorithm] = usePending(config.algorithm);

  return (
    <div className="stage-settings" role="group" aria-label={t('layout.stageSettings')}>
      <label data-lesson-target="layer">
        <span>{t('controls.layer')}</span>
        <select
          value={mode}
          aria-label={t('controls.layer')}
          title={t('controls.layerChanged')}
          onChange={(e) => {
            const v = e.target.value as 'L4' | 'L7';
            setMode(v, () => configure(layerPatch(v)));
          }}
        >
          <option value="L4">{t('controls.layerL4')}</option>
          <option value="L7">{t('controls.layerL7')}</option>
        </select>
      </label>
      <label data-lesson-target="algorithm">
        <span>{t('controls.algorithm')}</span>
        <select
          value={algorithm}
          aria-label={t('controls.algorithm')}
          onChange={(e) => {
            const v = e.target.value as Algorithm;
            setAlgorithm(v, () => act({ action: 'set-algorithm', algorithm: v }));
          }}
        >
          {ALGORITHMS.map((a) => (
            <option key={a} value={a}>
              {t(`algorithm.${a}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
