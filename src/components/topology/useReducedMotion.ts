import { useSyncExternalStore } from 'react';

const query = '(prefers-reduced-motion: reduce)';
/** One list for the page: asking matchMedia again at every render costs a style lookup each time. */
let list: MediaQueryList | null = null;
const media = () => (list ??= window.matchMedia(query));
const subscribe = (cb: () => void) => {
  media().addEventListener('change', cb);
  return () => media().removeEventListener('change', cb);
};

/** Whether the user asked the system for less motion. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => media().matches,
    () => false,
  );
}
