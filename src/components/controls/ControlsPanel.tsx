import { ALGORITHMS, type Algorithm } from '../../sim/algorithms/pick.ts';
import { useConfigAt } from '../../store/hooks.ts';
import { useLab, useT } from '../../store/context.tsx';
import { L7Controls, layerPatch } from './L7Controls.tsx';
import { ServerControls } from './ServerControls.tsx';
import { TrafficControls } from './TrafficControls.tsx';
import { HandshakeToggle } from './HandshakeToggle.tsx';
import { usePending } from './usePending.ts';

/** The balancer's settings. A change while running becomes an event at the current moment. */
export function ControlsPanel() {
  const t = useT();
  const config = useConfigAt();
  const act = useLab((s) => s.act);
  const [mode, setMode] = usePending(useLab((s) => s.scenario.mode));
  const [algorithm, setAlgorithm] = usePending(config.algorithm);
  const configure = useLab((s) => s.configure);
  const time = useLab((s) => s.time);

  return (
    <section className="panel controls" aria-labelledby="controls-title">
      <h2 id="controls-title">{t('controls.label')}</h2>
      <div className="control-row">
        <label data-lesson-target="layer">
          {t('controls.layer')}
          <select value={mode} aria-label={t('controls.layer')} title={t('controls.layerChanged')}
            onChange={(e) => { const v = e.target.value as 'L4' | 'L7'; setMode(v, () => configure(layerPatch(v))); }}>
            <option value="L4">{t('controls.layerL4')}</option>
            <option value="L7">{t('controls.layerL7')}</option>
          </select>
        </label>
        <label data-lesson-target="algorithm">
          {t('controls.algorithm')}
          <select
            value={algorithm}
            aria-label={t('controls.algorithm')}
            onChange={(e) => { const v = e.target.value as Algorithm; setAlgorithm(v, () => act({ action: 'set-algorithm', algorithm: v })); }}
          >
            {ALGORITHMS.map((a) => <option key={a} value={a}>{t(`algorithm.${a}`)}</option>)}
          </select>
        </label>
      </div>
      <HandshakeToggle />
      <L7Controls />
      <ServerControls />
      <TrafficControls />
      {time > 0 && <p className="hint">{t('controls.changedAt', { time: time.toFixed(1) })}</p>}
    </section>
  );
}
