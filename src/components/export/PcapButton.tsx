import { useState } from 'react';
import { pcapFileName } from '../../export/pcapName.ts';
import { pcapSection } from '../../i18n/sections/pcap.ts';
import { useLabStore, useOwnT } from '../../store/context.tsx';

type State = { kind: 'idle' } | { kind: 'working' } | { kind: 'saved'; file: string } | { kind: 'failed'; problem: string };

/** Hands bytes to the browser as a download; the object URL is let go once the click has used it. */
function download(bytes: Uint8Array<ArrayBuffer>, file: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.tcpdump.pcap' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "Download pcap": the run in force as a capture file, written on first use by a writer loaded then. */
export function PcapButton() {
  const t = useOwnT(pcapSection);
  const store = useLabStore();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const save = async () => {
    setState({ kind: 'working' });
    try {
      // The writer is only for this button: it loads on the first click, not with the page.
      const { pcapOf } = await import('../../export/pcap.ts');
      // A long run takes a moment to write: let "Writing the capture…" show first.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const { scenario, trace } = store.getState();
      const file = pcapFileName(scenario);
      download(pcapOf(scenario, trace) as Uint8Array<ArrayBuffer>, file);
      setState({ kind: 'saved', file });
    } catch (e) {
      setState({ kind: 'failed', problem: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div className="pcap-export">
      <button
        type="button"
        className="export-copy"
        aria-describedby="pcap-hint"
        disabled={state.kind === 'working'}
        onClick={() => void save()}
      >
        {t('button')}
      </button>
      <span id="pcap-hint" className="hint">
        {t('hint')}
      </span>
      <p className="export-status" role="status">
        {state.kind === 'working'
          ? t('working')
          : state.kind === 'saved'
            ? t('saved', { file: state.file })
            : state.kind === 'failed'
              ? t('failed', { problem: state.problem })
              : ''}
      </p>
    </div>
  );
}
