import { createStore, type StoreApi } from 'zustand/vanilla';
import { simulate } from '../sim/engine.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { RequestRecord } from '../sim/types.ts';
import type { Lang } from '../i18n/index.ts';

/**
 * The one bridge between the engine and the views: discrete state only (what ran, what is
 * selected, which language). Per-frame motion never passes through here.
 */
export interface LabState {
  lang: Lang;
  scenario: Scenario;
  /** Every request's record, by id, as the engine produced them. */
  records: RequestRecord[];
  setLang(lang: Lang): void;
  loadScenario(scenario: Scenario): void;
}

export type LabStore = StoreApi<LabState>;

export function createLabStore(init: { lang: Lang; scenario: Scenario }): LabStore {
  return createStore<LabState>()((set) => ({
    lang: init.lang,
    scenario: init.scenario,
    records: simulate(init.scenario),
    setLang: (lang) => set({ lang }),
    loadScenario: (scenario) => set({ scenario, records: simulate(scenario) }),
  }));
}
