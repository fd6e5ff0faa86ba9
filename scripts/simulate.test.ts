import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function simulate(file: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', file], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function withFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lblab-')), 'scenario.json');
  writeFileSync(file, text);
  return file;
}

describe('command line: npm run --silent simulate -- FILE.json', () => {
  it('prints one JSON object per request, in request order, with the contract fields', () => {
    const r = simulate('src/scenarios/weighted-round-robin.json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(lines.map((l) => l.server).join(' ')).toBe('s1 s1 s2 s1 s3 s1 s1');
    for (const l of lines) {
      expect(l).toMatchObject({ client: expect.any(String), outcome: 'ok', status: 200 });
      expect(l.hops[0]).toMatchObject({ node: 'client', dir: 'request', in: null });
      expect(l.hops.at(-1)).toMatchObject({ node: 'client', dir: 'response', out: null });
    }
  });

  it('answers a bad file with one clear line on stderr, exit 1 and nothing on stdout', () => {
    const r = simulate(withFile('{"servers":[{"name":"s1","weight":0}],"requests":[{"at":0,"client":"1.2.3.4"}]}'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('"servers[0].weight" must be at least 1 (got 0)');
  });

  it('answers broken JSON and a missing file the same way', () => {
    for (const file of [withFile('{"servers": ['), '/nonexistent/scenario.json']) {
      const r = simulate(file);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^simulate: .+\n$/);
      expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
    }
  });
});
