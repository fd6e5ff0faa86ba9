import { ALGORITHMS, type Algorithm } from '../../sim/algorithms/pick.ts';
import { useConfigAt } from '../../store/hooks.ts';
import { useLab, useT } from '../../store/context.tsx';
import { L7Controls, layerPatch } from './L7Controls.tsx';
import { ServerControls } from './ServerControls.tsx';
import { TrafficControls } from './TrafficControls.tsx';
import { HandshakeToggle } from './HandshakeToggle.tsx';

/** The balancer's settings. A change while running becomes an event at the current moment. */
export function ControlsPanel() {
  const t = useT();
  const config = useConfigAt();
  const act = useLab((s) => s.act);
  const mode = useLab((s) => s.scenario.mode);
  const configure = useLab((s) => s.configure);
  const time = useLab((s) => s.time);

  return (
    <section className="panel controls" aria-labelledby="controls-title">
      <h2 id="controls-title">{t('controls.label')}</h2>
      <div className="control-row">
        <label data-lesson-target="layer">
          {t('controls.layer')}
          <select value={mode} aria-label={t('controls.layer')} title={t('controls.layerChanged')}
            onChange={(e) => configure(layerPatch(e.target.value as 'L4' | 'L7'))}>
            <option value="L4">{t('controls.layerL4')}</option>
            <option value="L7">{t('controls.layerL7')}</option>
          </select>
        </label>
        <label data-lesson-target="algorithm">
          {t('controls.algorithm')}
          <select
            value={config.algorithm}
            aria-label={t('controls.algorithm')}
            onChange={(e) => act({ action: 'set-algorithm', algorithm: e.target.value as Algorithm })}
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
