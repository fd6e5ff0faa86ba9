import type { LabStore } from '../../store/labStore.ts';

/** Downloads the scenario in force, the user's actions included, as a scenario file. */
export function saveScenario(store: LabStore): void {
  const { base, userEvents } = store.getState();
  const scenario = { ...base, events: [...(base.events ?? []), ...userEvents] };
  const url = URL.createObjectURL(new Blob([JSON.stringify(scenario, null, 2) + '\n'], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'load-balancer-lab-scenario.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
