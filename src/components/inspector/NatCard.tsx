/** Placeholder: being built. */
export function NatCard() {
  return null;
}
