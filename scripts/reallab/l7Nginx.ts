import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFor } from '../../src/export/configs.ts';
import type { Scenario } from '../../src/sim/scenario.ts';
import type { Namespaces } from './netns.ts';

const MODULES = '/usr/lib/nginx/modules';

/**
 * L7 for real: nginx 1.22 on lb1 with the configuration the lab exports for the scenario
 * (`npm run export -- FILE --format nginx`), listening on the VIP. Its files live in a folder
 * named with the run's prefix, so cleanup finds and removes it; one process (no master), so
 * nothing outlives the run. Only the logging differs from the export: no access log.
 */
export async function startNginx(ns: Namespaces, lb: string, s: Scenario): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `${ns.prefix}-nginx-`));
  ns.removeAtCleanup(dir);
  // Debian's module lines (modules-enabled) name modules relative to nginx's prefix.
  if (existsSync(MODULES)) symlinkSync(MODULES, join(dir, 'modules'));
  const conf = configFor(s, 'nginx', { name: 'reallab', cacheDir: join(dir, 'cache') }).replace(
    /^http \{$/m,
    'http {\n    access_log off;',
  );
  writeFileSync(join(dir, 'nginx.conf'), conf);
  ns.start(lb, 'nginx', [
    '-p',
    `${dir}/`,
    '-c',
    join(dir, 'nginx.conf'),
    '-e',
    join(dir, 'error.log'),
    '-g',
    `pid ${join(dir, 'nginx.pid')}; daemon off; master_process off;`,
  ]);
  const listening = `${s.network.vip}:${s.network.vipPort}`;
  for (let waited = 0; !ns.exec(lb, 'ss', ['-ltnH']).includes(listening); waited += 20) {
    if (waited > 5000) throw new Error(`nginx did not listen on ${listening}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
