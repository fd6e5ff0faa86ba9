import { useLab, useT } from '../../store/context.tsx';
import { usePending } from './usePending.ts';

/** Whether connections start with a visible TCP handshake (a setting of the whole run). */
export function HandshakeToggle() {
  const t = useT();
  const [on, setOn] = usePending(useLab((s) => s.scenario.network.handshakes));
  const network = useLab((s) => s.base.network);
  const configure = useLab((s) => s.configure);
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={on}
          aria-describedby="tcp-help"
          onChange={(e) => {
            const v = e.target.checked;
            setOn(v, () => configure({ network: { ...network, handshakes: v } }));
          }}
        />
        {t('tcp.setting')}
      </label>
      <p id="tcp-help" className="hint">
        {t('tcp.setting.help')}
      </p>
    </>
  );
}
