/**
 * Finds runtime import cycles among a folder's TypeScript modules: `npm run cycles` (part of
 * `npm run check`) fails on any. A cycle that only types cross is harmless — the compiler
 * erases it — but a value cycle decides which module runs first, and a top-level use of an
 * import that has not run yet crashes at load.
 *
 * What counts: static imports and re-exports of at least one value (not `import type`, not
 * `import { type A }` alone, which the compiler drops). Dynamic `import()` does not: it loads
 * later, after both modules have run.
 *
 * Written on the TypeScript compiler's parser rather than taken from a package: dpdm 4.3's
 * `--transform` loses value imports (its transpile options elide them), so it reported no cycle
 * where there were eleven; madge 8 wants TypeScript 5 and dependency-cruiser 18 Node 22.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export type ImportGraph = Map<string, string[]>;

/** The modules a file loads when it runs: relative, value-carrying static imports and re-exports. */
export function runtimeImports(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const out: string[] = [];
  for (const st of source.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      if (carriesValue(st.importClause)) out.push(st.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      const all = !st.exportClause || !ts.isNamedExports(st.exportClause);
      if (!st.isTypeOnly && (all || st.exportClause.elements.some((e) => !e.isTypeOnly))) out.push(st.moduleSpecifier.text);
    }
  }
  return out.filter((s) => s.startsWith('.'));
}

function carriesValue(clause: ts.ImportClause | undefined): boolean {
  // No clause: `import './x'`, run for its effects.
  if (!clause) return true;
  if (clause.isTypeOnly) return false;
  if (clause.name) return true;
  const b = clause.namedBindings;
  if (!b || ts.isNamespaceImport(b)) return true;
  return b.elements.some((e) => !e.isTypeOnly);
}

const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function resolveModule(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const ext of EXTENSIONS) {
    const p = base + ext;
    if (/\.tsx?$/.test(p) && existsSync(p) && statSync(p).isFile()) return p;
  }
  return null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every module under `dir` and the modules it loads at run time (absolute paths). */
export function importGraph(dir: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(resolve(dir))) {
    const deps = runtimeImports(file, readFileSync(file, 'utf8'))
      .map((spec) => resolveModule(file, spec))
      .filter((p): p is string => p !== null);
    graph.set(file, deps);
  }
  return graph;
}

/**
 * The graph's cycles, one per strongly connected component of more than one module (or a
 * module importing itself), each as a path that starts and ends at the same module.
 */
export function findCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so a deep chain of imports cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const deps = graph.get(top.node) ?? [];
      if (top.edge < deps.length) {
        const dep = deps[top.edge++]!;
        if (!index.has(dep)) {
          index.set(dep, next);
          low.set(dep, next++);
          stack.push(dep);
          onStack.add(dep);
          work.push({ node: dep, edge: 0 });
        } else if (onStack.has(dep)) {
          low.set(top.node, Math.min(low.get(top.node)!, index.get(dep)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) !== index.get(top.node)) continue;
      const component: string[] = [];
      let m: string;
      do {
        m = stack.pop()!;
        onStack.delete(m);
        component.push(m);
      } while (m !== top.node);
      const selfLoop = (graph.get(top.node) ?? []).includes(top.node);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  }
  return components.map((c) => cyclePath(graph, new Set(c)));
}

/** One concrete loop inside a component: from its first module, breadth first, back to it. */
function cyclePath(graph: ImportGraph, members: Set<string>): string[] {
  const start = [...members].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const dep of graph.get(node) ?? []) {
      if (!members.has(dep)) continue;
      if (dep === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = cameFrom.get(at)) path.splice(1, 0, at);
        path.push(start);
        return path;
      }
      if (!cameFrom.has(dep)) {
        cameFrom.set(dep, node);
        queue.push(dep);
      }
    }
  }
  return [start, start];
}

function main(args: string[]): number {
  const dirs = args.length > 0 ? args : ['src'];
  const cycles = dirs.flatMap((d) => findCycles(importGraph(d)));
  if (cycles.length === 0) {
    console.log(`No runtime import cycle in ${dirs.join(', ')}.`);
    return 0;
  }
  console.error(`${cycles.length} runtime import cycle${cycles.length === 1 ? '' : 's'} (type-only imports do not count):`);
  for (const c of cycles) console.error(`  ${c.map((p) => relative(process.cwd(), p)).join(' -> ')}`);
  console.error('Each line is one loop of a group of modules that load one another; break it with `import type` or a leaf module.');
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main(process.argv.slice(2)));
