import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { parseScenario } from './src/sim/scenario.ts';

/**
 * The built page may load and run only its own files: no inline script, no other origin, no
 * plugins, no forms. (Only in the build: Vite's dev server injects an inline script of its own.)
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  // React and framer-motion set style attributes; nothing else inline is needed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const contentSecurityPolicy = (): Plugin => ({
  name: 'content-security-policy',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
});

const RESOLVED = '?resolved';
// Virtual, and not ending in .json, so that Vite's JSON plugin leaves it alone.
const RESOLVED_ID = '\0resolved-scenario:';
const RESOLVED_END = '.resolved.js';

/**
 * `import s from './x.json?resolved'`: the scenario file with every default filled in, as the
 * engine would run it, resolved when the page is built. The page draws its first scenario at
 * once from it; the schema that resolves it (and valibot) stay out of the first download, in
 * the Worker. A file the schema refuses fails the build.
 */
const resolvedScenarios = (): Plugin => ({
  name: 'resolved-scenarios',
  enforce: 'pre',
  async resolveId(source, importer) {
    if (!source.endsWith(RESOLVED)) return null;
    const file = await this.resolve(source.slice(0, -RESOLVED.length), importer, { skipSelf: true });
    return file ? RESOLVED_ID + file.id + RESOLVED_END : null;
  },
  load(id) {
    if (!id.startsWith(RESOLVED_ID) || !id.endsWith(RESOLVED_END)) return null;
    const file = id.slice(RESOLVED_ID.length, -RESOLVED_END.length);
    this.addWatchFile(file);
    const parsed = parseScenario(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.ok) this.error(`${file}: ${parsed.problem.en}`);
    const text = JSON.stringify(parsed.scenario);
    // Anything JSON cannot carry (undefined, Infinity, a Map) would differ on the page.
    if (!isDeepStrictEqual(JSON.parse(text), parsed.scenario)) this.error(`${file}: the resolved scenario does not survive JSON`);
    return `export default JSON.parse(${JSON.stringify(text)});`;
  },
});

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), resolvedScenarios()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { target: 'es2022', sourcemap: false },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/*.test.ts'],
    environment: 'node',
    // Property tests run thousands of simulations; two cores shared with the rest of CI.
    testTimeout: 60_000,
  },
});
