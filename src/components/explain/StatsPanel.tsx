/** Placeholder: being built. */
export function StatsPanel() {
  return null;
}
