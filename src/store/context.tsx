import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { translate, type MessageKey } from '../i18n/index.ts';
import { ownText, type OwnSection } from '../i18n/ownSection.ts';
import type { LabState, LabStore } from './labStore.ts';

const LabContext = createContext<LabStore | null>(null);

export function LabProvider({ store, children }: { store: LabStore; children: ReactNode }) {
  return <LabContext.Provider value={store}>{children}</LabContext.Provider>;
}

/** The store itself, for event handlers that read it when they run (no re-render). */
export function useLabStore(): LabStore {
  const store = useContext(LabContext);
  if (!store) throw new Error('useLab needs a LabProvider');
  return store;
}

export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(useLabStore(), selector);
}

/** The translator for the current language: the same function until the language changes, so effects may depend on it. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const lang = useLab((s) => s.lang);
  return useCallback((key, params) => translate(lang, key, params), [lang]);
}

/** `useT` for a part that carries its own strings (see src/i18n/ownSection.ts). */
export function useOwnT<K extends string>(section: OwnSection<K>): (key: K, params?: Record<string, string | number>) => string {
  const lang = useLab((s) => s.lang);
  return useCallback((key, params) => ownText(section, lang, key, params), [section, lang]);
}
