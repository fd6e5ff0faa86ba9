/** What each shape on the stage is (filled in by the packets work). */
export function Legend() {
  return null;
}
