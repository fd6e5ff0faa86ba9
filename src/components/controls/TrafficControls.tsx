import { useState } from 'react';
import { echoText } from '../../sim/said.ts';
import { translateBoth } from '../../i18n/index.ts';
import { useConfigAt } from '../../store/hooks.ts';
import { useLab, useT } from '../../store/context.tsx';
import { topologyOf } from '../../sim/topology.ts';

/** How much traffic arrives, and a single request from a chosen client. */
export function TrafficControls() {
  const t = useT();
  const config = useConfigAt();
  const act = useLab((s) => s.act);
  const report = useLab((s) => s.reportProblem);
  const scenario = useLab((s) => s.scenario);
  const clients = topologyOf(scenario).clients.map((c) => c.address);
  const [count, setCount] = useState(String(config.clients.length || 1));
  const [rate, setRate] = useState(String(config.ratePerSec ?? 1));
  const [from, setFrom] = useState(clients[0] ?? '203.0.113.10');
  const [path, setPath] = useState('/');

  const applyLoad = () => {
    const n = Number(count),
      r = Number(rate);
    if (!/^\d+$/.test(count.trim()) || n < 1 || n > 12) return report(translateBoth('invalid.clients', { value: echoText(count, 60) }));
    if (!Number.isFinite(r) || r < 0.1 || r > 50) return report(translateBoth('invalid.rate', { value: echoText(rate, 60) }));
    act({ action: 'set-load', clients: n, ratePerSec: r });
  };
  const send = () => {
    if (!/^\/\S*$/.test(path)) return report(translateBoth('invalid.path', { value: echoText(path, 60) }));
    act({ action: 'request', client: from, path });
  };

  return (
    <fieldset className="traffic-control" data-lesson-target="traffic">
      <legend>{t('controls.traffic')}</legend>
      <div className="control-row">
        <label>
          {t('controls.clients')}
          <input type="number" min={1} max={12} value={count} onChange={(e) => setCount(e.target.value)} />
        </label>
        <label>
          {t('controls.rate')}
          <input type="number" min={0.1} max={50} step={0.1} value={rate} onChange={(e) => setRate(e.target.value)} />
        </label>
        <button type="button" onClick={applyLoad}>
          {t('controls.applyTraffic')}
        </button>
      </div>
      <div className="control-row">
        <label>
          {t('controls.sendFrom')}
          <select value={from} onChange={(e) => setFrom(e.target.value)}>
            {clients.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('controls.sendPath')}
          <input type="text" value={path} onChange={(e) => setPath(e.target.value)} size={8} />
        </label>
        <button type="button" onClick={send}>
          {t('controls.send')}
        </button>
      </div>
    </fieldset>
  );
}
