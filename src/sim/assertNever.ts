/**
 * The `default` of a switch that must handle every case of a union: adding a case to the union
 * makes each such switch a compile error until it handles the new case, and a value no type
 * allowed (from outside the program) fails loudly instead of being skipped.
 */
export function assertNever(x: never, what = 'case'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(x)}`);
}
