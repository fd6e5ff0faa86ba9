import { useState } from 'react';
import { pcapFileName } from '../../export/pcapName.ts';
import { pcapSection } from '../../i18n/sections/pcap.ts';
import { useLab, useLabStore, useOwnT } from '../../store/context.tsx';
import { writePcapOffThread } from '../../store/pcapJob.ts';

type State =
  | { kind: 'idle' }
  | { kind: 'working'; percent: number }
  | { kind: 'saved'; file: string; frames: number }
  | { kind: 'failed'; problem: string };

type Span = 'whole' | 'now';

/** Hands the file's pieces to the browser as a download; the object URL is let go once the click has used it. */
function download(pieces: Uint8Array[], file: string): void {
  const url = URL.createObjectURL(new Blob(pieces as Uint8Array<ArrayBuffer>[], { type: 'application/vnd.tcpdump.pcap' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * "Download pcap": the run in force as a capture file, the whole run or up to the page's
 * current time, written in a worker (src/store/pcapJob.ts) with its progress shown here, so
 * the page stays responsive whatever the run's size.
 */
export function PcapButton() {
  const t = useOwnT(pcapSection);
  const store = useLabStore();
  const time = useLab((s) => s.time);
  const [span, setSpan] = useState<Span>('whole');
  const [state, setState] = useState<State>({ kind: 'idle' });

  const save = async () => {
    const { scenario, trace, clock } = store.getState();
    const upToMs = span === 'now' ? clock.time : null;
    // How far the worker's run goes: the page's own run ends at trace.end.
    const endMs = Math.max(1, upToMs ?? trace.end);
    setState({ kind: 'working', percent: 0 });
    try {
      const result = await writePcapOffThread({ scenario, upToMs }, (simulatedMs) =>
        setState({ kind: 'working', percent: Math.min(99, Math.floor((100 * simulatedMs) / endMs)) }),
      );
      if (!result.ok) {
        setState({ kind: 'failed', problem: result.problem });
        return;
      }
      const file = pcapFileName(scenario, upToMs);
      download(result.pieces, file);
      setState({ kind: 'saved', file, frames: result.frames });
    } catch (e) {
      setState({ kind: 'failed', problem: e instanceof Error ? e.message : String(e) });
    }
  };

  const working = state.kind === 'working';
  return (
    <div className="pcap-export">
      <fieldset className="export-choices pcap-span" disabled={working}>
        <legend>{t('which')}</legend>
        <label>
          <input type="radio" name="pcap-span" value="whole" checked={span === 'whole'} onChange={() => setSpan('whole')} />
          {t('whole')}
        </label>
        <label>
          <input type="radio" name="pcap-span" value="now" checked={span === 'now'} onChange={() => setSpan('now')} />
          {t('upToNow', { time: time.toFixed(1) })}
        </label>
      </fieldset>
      <button type="button" className="export-copy" aria-describedby="pcap-hint" disabled={working} onClick={() => void save()}>
        {t('button')}
      </button>
      <span id="pcap-hint" className="hint">
        {t('hint')}
      </span>
      {working ? (
        // The bar carries the number (aria-valuenow); the status line says once that it is writing,
        // so a screen reader is not told every percent.
        <span className="pcap-progress">
          <progress max={100} value={state.percent} aria-label={t('progress')} />
          <span aria-hidden="true">{state.percent}%</span>
        </span>
      ) : null}
      <p className="export-status" role="status">
        {working
          ? t('working')
          : state.kind === 'saved'
            ? t('saved', { file: state.file, frames: state.frames.toLocaleString() })
            : state.kind === 'failed'
              ? t('failed', { problem: state.problem })
              : ''}
      </p>
    </div>
  );
}
