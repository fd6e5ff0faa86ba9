/** Placeholder: being built. */
export function ConntrackTable() {
  return null;
}
