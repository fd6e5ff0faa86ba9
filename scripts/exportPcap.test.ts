import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pcapOf } from '../src/export/pcap.ts';
import { simulateRun } from '../src/sim/engine.ts';
import { parseScenarioText } from '../src/sim/scenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'lblab-export-pcap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportPcap(file: string, ...nodeArgs: string[]) {
  const r = spawnSync(process.execPath, [...nodeArgs, '--import', 'tsx', 'scripts/export.ts', file, '--format', 'pcap'], {
    timeout: 100_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

describe('npm run export -- FILE --format pcap', () => {
  it('streams the same file as pcapOf makes from the whole run', () => {
    const file = 'src/scenarios/server-failure.json';
    const parsed = parseScenarioText(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const r = exportPcap(file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Buffer.compare(r.stdout, Buffer.from(pcapOf(parsed.scenario, simulateRun(parsed.scenario))))).toBe(0);
  });

  it('a run whose requests in flight pass node’s heap limit ends in one line, not V8’s abort', () => {
    // 5,000 requests a second that each take 50 minutes: all of them in flight at once.
    const file = join(dir, 'all-in-flight.json');
    const load = { clients: 50, ratePerSec: 5000, durationMs: 200_000, serviceMs: 3_000_000 };
    writeFileSync(file, JSON.stringify({ mode: 'L7', servers: [{ name: 's1' }, { name: 's2' }], load }));
    const r = exportPcap(file, '--max-old-space-size=64');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^export: [^\n]+: the run's requests in flight need more memory than node may use here \(\d+ MiB\)[^\n]+\n$/);
    expect(r.stderr).not.toMatch(/FATAL|stack|\bat .+:\d+:\d+/i);
  });
});
