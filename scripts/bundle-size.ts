/**
 * `npm run size` (and part of `npm run test:e2e`): the JavaScript a first visit loads before
 * the page is interactive — what index.html names in its script and modulepreload tags, and
 * whatever those import statically — with each file's raw and gzip size and the total.
 *
 *   tsx scripts/bundle-size.ts [dist folder, default dist] [--max-kb N]
 *
 * With --max-kb, exits non-zero when the gzip total passes N kB (1 kB = 1,000 bytes). Chunks
 * fetched with import() on first use (lessons, gallery, comparisons, links, the Worker) are
 * not counted: they are what keeps this number down.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface SizedFile {
  /** Path inside the dist folder, e.g. assets/index-abc.js. */
  file: string;
  raw: number;
  gzip: number;
}

const TAG = /<(script|link)\b[^>]*>/gi;
const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];

/** The JavaScript files index.html makes the browser load at once: module scripts and modulepreloads. */
export function htmlScripts(html: string): string[] {
  const out: string[] = [];
  for (const [tag, kind] of html.matchAll(TAG)) {
    const url =
      kind!.toLowerCase() === 'script'
        ? attr(tag, 'src')
        : attr(tag, 'rel')?.toLowerCase() === 'modulepreload'
          ? attr(tag, 'href')
          : undefined;
    if (url && !/^[a-z]+:|^\/\//i.test(url)) out.push(url.replace(/^\.?\//, '').split(/[?#]/)[0]!);
  }
  return out;
}

// A bundle's static imports come first, one after another: `import{a as b}from"./x.js";`.
const STATIC_IMPORT = /^\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+)["']\s*;?/;

/** The files a chunk imports statically (relative paths, resolved against the chunk's own). */
export function staticImports(code: string, file: string): string[] {
  const out: string[] = [];
  let rest = code.replace(/^(?:\s*\/\*[\s\S]*?\*\/)*/, '');
  for (let m = STATIC_IMPORT.exec(rest); m; m = STATIC_IMPORT.exec(rest)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) out.push(posix.normalize(posix.join(posix.dirname(file), spec)));
    else if (spec.startsWith('/')) out.push(spec.slice(1));
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** Every JavaScript file of the first load, in the order found, with its sizes. */
export function initialJavaScript(dist: string): SizedFile[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const out: SizedFile[] = [];
  const visit = (file: string) => {
    if (seen.has(file) || !file.endsWith('.js')) return;
    seen.add(file);
    const path = join(dist, file);
    if (!existsSync(path)) throw new Error(`index.html or a chunk names ${file}, which is not in ${dist}`);
    const bytes = readFileSync(path);
    out.push({ file, raw: bytes.length, gzip: gzipSync(bytes).length });
    for (const dep of staticImports(bytes.toString('utf8'), file)) visit(dep);
  };
  for (const file of htmlScripts(html)) visit(file);
  return out;
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1).padStart(7);

function main(argv: string[]): number {
  let dist = 'dist';
  let maxKb: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--max-kb') {
      maxKb = Number(argv[++i]);
      if (!Number.isFinite(maxKb) || maxKb <= 0) {
        console.error('--max-kb needs a positive number (kB of gzip)');
        return 2;
      }
    } else if (a.startsWith('--max-kb=')) maxKb = Number(a.slice('--max-kb='.length));
    else if (a.startsWith('-')) {
      console.error(`unknown option ${a}; usage: tsx scripts/bundle-size.ts [dist] [--max-kb N]`);
      return 2;
    } else dist = a;
  }
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`no ${join(dist, 'index.html')}: build first (vite build)`);
    return 2;
  }
  const files = initialJavaScript(dist);
  if (files.length === 0) {
    console.error(`${join(dist, 'index.html')} loads no JavaScript: is this the right folder?`);
    return 2;
  }
  console.log(`Initial JavaScript of ${dist} (kB = 1,000 bytes)`);
  console.log(`${'raw'.padStart(7)}  ${'gzip'.padStart(7)}  file`);
  for (const f of files) console.log(`${kb(f.raw)}  ${kb(f.gzip)}  ${f.file}`);
  const raw = files.reduce((n, f) => n + f.raw, 0);
  const gzip = files.reduce((n, f) => n + f.gzip, 0);
  console.log(`${kb(raw)}  ${kb(gzip)}  total (${files.length} file${files.length === 1 ? '' : 's'})`);
  if (maxKb === null) return 0;
  if (gzip > maxKb * 1000) {
    console.error(
      `Initial JavaScript is ${(gzip / 1000).toFixed(1)} kB gzip, over the budget of ${maxKb} kB: load more on first use (dynamic import()).`,
    );
    return 1;
  }
  console.log(`Within the budget of ${maxKb} kB gzip (${((maxKb * 1000 - gzip) / 1000).toFixed(1)} kB to spare).`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main(process.argv.slice(2)));
