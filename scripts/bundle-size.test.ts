import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlScripts, initialJavaScript, staticImports } from './bundle-size.ts';

describe('bundle-size: what a first visit loads', () => {
  it('reads module scripts and modulepreloads from index.html, not stylesheets or other origins', () => {
    const html = `<script type="module" crossorigin src="/assets/index-a.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/react-b.js">
      <link rel="stylesheet" href="/assets/index-c.css">
      <link rel="icon" href="/favicon.svg">
      <script src="https://example.com/x.js"></script>`;
    expect(htmlScripts(html)).toEqual(['assets/index-a.js', 'assets/react-b.js']);
  });

  it('follows static imports but not import()', () => {
    const code = 'import{a as b}from"./react-b.js";import"./side.js";export{c}from"./c.js";const x=()=>import("./lazy.js");';
    expect(staticImports(code, 'assets/index-a.js')).toEqual(['assets/react-b.js', 'assets/side.js', 'assets/c.js']);
    expect(staticImports('const x=1;import("./lazy.js")', 'assets/i.js')).toEqual([]);
  });

  it('sums each file once, and not the chunks loaded on first use', () => {
    const dist = mkdtempSync(join(tmpdir(), 'bundle-size-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<script type="module" src="/assets/index.js"></script><link rel="modulepreload" href="/assets/shared.js">',
    );
    writeFileSync(join(dist, 'assets/index.js'), 'import{s}from"./shared.js";const l=()=>import("./lazy.js");'.padEnd(500, ' '));
    writeFileSync(join(dist, 'assets/shared.js'), 'export const s=1;');
    writeFileSync(join(dist, 'assets/lazy.js'), 'x'.repeat(10_000));
    const files = initialJavaScript(dist);
    expect(files.map((f) => f.file)).toEqual(['assets/index.js', 'assets/shared.js']);
    expect(files[0]!.raw).toBe(500);
    expect(files[0]!.gzip).toBeLessThan(500);
  });
});
