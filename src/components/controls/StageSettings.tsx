import { ALGORITHMS, NGINX_ALGORITHMS, type Algorithm } from '../../sim/algorithms/pick.ts';
import { FORWARDINGS, type Forwarding } from '../../sim/forwarding.ts';
import { useConfigAt } from '../../store/hooks.ts';
import { useLab, useLabStore, useT } from '../../store/context.tsx';
import { FORWARDING_DRAWING } from '../topology/forwardingDrawing.ts';
import { switchLayer } from './layerSwitch.ts';
import { usePending } from './usePending.ts';

/** The proxy's own value in the Forwarding combobox, shown (disabled) in L7. */
const PROXY = 'proxy';

/**
 * The choices the stage is about, in the toolbar over it: the layer, the algorithm and, in L4,
 * how the balancer forwards (IPVS's forwarding modes). A change of algorithm while running
 * becomes an event at the current moment; a change of layer or forwarding is a new run.
 */
export function StageSettings() {
  const t = useT();
  const config = useConfigAt();
  const store = useLabStore();
  const act = useLab((s) => s.act);
  const configure = useLab((s) => s.configure);
  const [mode, setMode] = usePending(useLab((s) => s.scenario.mode));
  const [algorithm, setAlgorithm] = usePending(config.algorithm);
  const [forwarding, setForwarding] = usePending<Forwarding>(useLab((s) => s.scenario.forwarding));
  const l7 = mode === 'L7';
  // weighted-least-connections is IPVS's wlc: L7 (nginx) has no such method, and does not list it.
  const algorithms = l7 ? NGINX_ALGORITHMS : ALGORITHMS;

  const changeLayer = (v: 'L4' | 'L7') =>
    setMode(v, async () => {
      const { base, userEvents } = store.getState();
      const change = switchLayer(v, base, userEvents);
      const problem = await configure(change.patch, change.events);
      // The run answers the last notice; what gave way to the switch is told after it.
      if (!problem && change.said) store.getState().reportProblem(change.said);
    });

  return (
    <div className="stage-settings" role="group" aria-label={t('layout.stageSettings')}>
      <label data-lesson-target="layer">
        <span>{t('controls.layer')}</span>
        <select
          value={mode}
          aria-label={t('controls.layer')}
          title={t('controls.layerChanged')}
          onChange={(e) => changeLayer(e.target.value as 'L4' | 'L7')}
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
          {algorithms.map((a) => (
            <option key={a} value={a}>
              {t(`algorithm.${a}`)}
            </option>
          ))}
        </select>
      </label>
      <label data-lesson-target="forwarding">
        <span>{t('forwarding.label')}</span>
        <select
          className="forwarding-select"
          value={l7 ? PROXY : forwarding}
          aria-label={t('forwarding.label')}
          aria-describedby="forwarding-help"
          title={t(l7 ? 'forwarding.helpL7' : 'forwarding.help')}
          disabled={l7}
          onChange={(e) => {
            const v = e.target.value as Forwarding;
            // full NAT is the default: the scenario (and a shared link) leaves it out.
            setForwarding(v, () => configure({ forwarding: v === 'full-nat' ? undefined : v }));
          }}
        >
          {l7 ? (
            <option value={PROXY}>{t('forwarding.proxy')}</option>
          ) : (
            FORWARDINGS.map((f) => (
              <option key={f} value={f}>
                {t(FORWARDING_DRAWING[f].label)}
              </option>
            ))
          )}
        </select>
      </label>
      <span id="forwarding-help" className="visually-hidden">
        {t(l7 ? 'forwarding.helpL7' : 'forwarding.help')}
      </span>
    </div>
  );
}
