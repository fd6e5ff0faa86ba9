import { useT } from '../../store/context.tsx';
import { useCommittedTime } from '../../store/offscreen.tsx';
import { L7Controls } from './L7Controls.tsx';
import { ServerControls } from './ServerControls.tsx';
import { TrafficControls } from './TrafficControls.tsx';
import { HandshakeToggle } from './HandshakeToggle.tsx';

/**
 * The balancer's settings beyond the layer and the algorithm (those sit over the stage, in
 * StageSettings). A change while running becomes an event at the current moment.
 */
export function ControlsPanel() {
  const t = useT();
  const time = useCommittedTime();

  return (
    <section className="panel controls" aria-labelledby="controls-title">
      <h2 id="controls-title">{t('controls.label')}</h2>
      <HandshakeToggle />
      <L7Controls />
      <ServerControls />
      <TrafficControls />
      {time > 0 && <p className="hint">{t('controls.changedAt', { time: time.toFixed(1) })}</p>}
    </section>
  );
}
