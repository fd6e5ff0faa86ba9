import { startTransition, useOptimistic } from 'react';

/**
 * A control's value while the run it asked for is under way (runs happen in a worker and land
 * a moment later): the new value shows at once, and gives way to what the store holds when
 * the run is in place — the same value, or the old one if the change was refused.
 */
export function usePending<T>(committed: T): [T, (next: T, apply: () => Promise<unknown>) => void] {
  const [shown, show] = useOptimistic(committed);
  const change = (next: T, apply: () => Promise<unknown>) =>
    startTransition(async () => {
      show(next);
      await apply();
    });
  return [shown, change];
}
