import { useMemo, useState } from 'react';
import { configFor, type ConfigFormat } from '../../export/configs.ts';
import { exportPanel } from '../../i18n/sections/exportPanel.ts';
import { useLab, useOwnT } from '../../store/context.tsx';
import { PcapButton } from './PcapButton.tsx';
import { visibleLines } from '../userText.ts';
import './export.css';

/** The configs on offer: product names, the same in both languages. */
const CHOICES: { id: string; label: string; format: ConfigFormat; file: string; balancer?: 'lb1' | 'lb2' }[] = [
  { id: 'nginx', label: 'nginx', format: 'nginx', file: 'nginx.conf' },
  { id: 'haproxy', label: 'HAProxy', format: 'haproxy', file: 'haproxy.cfg' },
  { id: 'keepalived-lb1', label: 'keepalived (lb1)', format: 'keepalived', file: 'keepalived.conf (lb1)', balancer: 'lb1' },
  { id: 'keepalived-lb2', label: 'keepalived (lb2)', format: 'keepalived', file: 'keepalived.conf (lb2)', balancer: 'lb2' },
];

/** The dialog's insides: which config, the config itself for the scenario in force, and a copy button. */
export default function ExportPanel() {
  const t = useOwnT(exportPanel);
  const scenario = useLab((s) => s.scenario);
  const [chosen, setChosen] = useState(CHOICES[0]!);
  const [copied, setCopied] = useState<'copied' | 'refused' | null>(null);
  // What the dialog shows is what it copies, character for character: both get the config with
  // its invisible and bidirectional control characters (from a path or a header value, say)
  // written visibly as \uXXXX. Shown raw, an override would make the config read in another
  // order than it copies (and than nginx reads it: Trojan Source); copied raw, a terminal or an
  // editor would hide it. The generators already write C0 controls as \xHH where a tool reads them.
  const text = useMemo(
    () => visibleLines(configFor(scenario, chosen.format, chosen.balancer ? { balancer: chosen.balancer } : {})),
    [scenario, chosen],
  );

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      // Clipboard access may be refused (permissions, an insecure origin): the text stays selectable.
      setCopied('refused');
    }
  };

  return (
    <div className="export-panel">
      <p className="hint">{t('intro')}</p>
      <div className="export-bar">
        <fieldset className="export-choices">
          <legend>{t('which')}</legend>
          {CHOICES.map((c) => (
            <label key={c.id}>
              <input
                type="radio"
                name="export-format"
                value={c.id}
                checked={c.id === chosen.id}
                onChange={() => {
                  setChosen(c);
                  setCopied(null);
                }}
              />
              {c.label}
            </label>
          ))}
        </fieldset>
        <button type="button" className="export-copy" onClick={() => void copy()}>
          {t('copy')}
        </button>
        <p className="export-status" role="status">
          {copied === 'copied' ? t('copied') : copied === 'refused' ? t('copyYourself') : ''}
        </p>
      </div>
      <pre className="export-text" tabIndex={0} aria-label={t('text', { file: chosen.file })} data-format={chosen.id}>
        {text}
      </pre>
      <PcapButton />
    </div>
  );
}
