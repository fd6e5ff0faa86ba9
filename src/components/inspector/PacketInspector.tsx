/** Placeholder: being built. */
export function PacketInspector() {
  return null;
}
