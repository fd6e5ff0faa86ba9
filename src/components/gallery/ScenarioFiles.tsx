import { translateBoth } from '../../i18n/index.ts';
import { useLabStore, useT } from '../../store/context.tsx';

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
    let input: unknown;
    try {
      input = JSON.parse(await file.text());
    } catch (e) {
      s.reportProblem(translateBoth('gallery.badJson', { name: file.name, problem: (e as Error).message }));
      return;
    }
    const problem = await s.loadScenario(input);
    if (problem) s.reportProblem(translateBoth('gallery.badFile', { name: file.name, problem }));
    else {
      s.setLesson(null);
      onOpened();
    }
  };

  const save = () => {
    const { base, userEvents } = store.getState();
    const scenario = { ...base, events: [...(base.events ?? []), ...userEvents] };
    const url = URL.createObjectURL(new Blob([JSON.stringify(scenario, null, 2) + '\n'], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'load-balancer-lab-scenario.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="control-row gallery-files">
      <label>
        {t('gallery.file')}
        <input type="file" accept=".json,application/json" onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void openFile(file);
        }} />
      </label>
      <button type="button" onClick={save}>{t('gallery.save')}</button>
    </div>
  );
}
