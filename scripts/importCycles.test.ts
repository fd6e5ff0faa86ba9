import { describe, expect, it } from 'vitest';
import { findCycles, runtimeImports, type ImportGraph } from './importCycles.ts';

describe('runtime import cycles', () => {
  it('counts value imports and re-exports, not type-only ones or dynamic imports', () => {
    const text = [
      "import type { A } from './typeOnly.ts';",
      "import { type B, type C } from './typesInBraces.ts';",
      "import { type D, e } from './mixed.ts';",
      "import f from './default.ts';",
      "import * as g from './namespace.ts';",
      "import './effects.ts';",
      "export { h } from './reexport.ts';",
      "export type { I } from './typeReexport.ts';",
      "export * from './star.ts';",
      "import { j } from 'package';",
      "const later = () => import('./dynamic.ts');",
    ].join('\n');
    expect(runtimeImports('x.ts', text)).toEqual([
      './mixed.ts',
      './default.ts',
      './namespace.ts',
      './effects.ts',
      './reexport.ts',
      './star.ts',
    ]);
  });

  it('finds each loop, and nothing in a graph without one', () => {
    const graph: ImportGraph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(findCycles(graph)).toEqual([
      ['a', 'b', 'c', 'a'],
      ['e', 'e'],
    ]);
    expect(
      findCycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });
});
