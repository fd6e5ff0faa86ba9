import { translateBoth } from '../../i18n/index.ts';
import { echoText } from '../../sim/said.ts';

/** Larger than any scenario the page can run (at most 20,000 requests). */
const MAX_FILE_BYTES = 16 * 2 ** 20;
import { useLabStore, useT } from '../../store/context.tsx';
import { saveScenario } from './saveScenario.ts';

/**
 * A scenario file from disk (checked by the same schema as everything else: a bad file gets a
 * message naming the field, and the current scenario stays), and the current one saved as a
 * file — the scenario with the user's actions in it — without any network.
 */
export function ScenarioFiles({ onOpened }: { onOpened(): void }) {
  const t = useT();
  const store = useLabStore();

  const openFile = async (file: File) => {
    const s = store.getState();
    const name = echoText(file.name, 60);
    // A file the page's budget could never run is refused before it is read.
    if (file.size > MAX_FILE_BYTES) {
      s.reportProblem(translateBoth('gallery.tooBig', { name, mb: MAX_FILE_BYTES / 2 ** 20 }));
      return;
    }
    let input: unknown;
    try {
      input = JSON.parse(await file.text());
    } catch (e) {
      s.reportProblem(translateBoth('gallery.badJson', { name, problem: echoText((e as Error).message, 160) }));
      return;
    }
    const problem = await s.loadScenario(input);
    if (problem) s.reportProblem(translateBoth('gallery.badFile', { name, problem }));
    else {
      s.setLesson(null);
      onOpened();
    }
  };

  const save = () => saveScenario(store);

  return (
    <div className="control-row gallery-files">
      <label>
        {t('gallery.file')}
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openFile(file);
          }}
        />
      </label>
      <button type="button" onClick={save}>
        {t('gallery.save')}
      </button>
    </div>
  );
}
