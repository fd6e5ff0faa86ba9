/** Placeholder: being built. */
export function WhyPanel() {
  return null;
}
