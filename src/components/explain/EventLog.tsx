/** Placeholder: being built. */
export function EventLog() {
  return null;
}
