import type { Scenario } from '../sim/scenario.ts';
import { DEFAULT_EXPORT, type ExportOptions } from './common.ts';
import { haproxyConfig } from './haproxyConfig.ts';
import { keepalivedConfig } from './keepalivedConfig.ts';
import { nginxConfig } from './nginxConfig.ts';

export { DEFAULT_EXPORT, type ExportOptions } from './common.ts';

export const CONFIG_FORMATS = ['nginx', 'haproxy', 'keepalived'] as const;
export type ConfigFormat = (typeof CONFIG_FORMATS)[number];

/** The scenario as a real tool's configuration file. */
export function configFor(s: Scenario, format: ConfigFormat, options: Partial<ExportOptions> = {}): string {
  const o = { ...DEFAULT_EXPORT, ...options };
  switch (format) {
    case 'nginx':
      return nginxConfig(s, o);
    case 'haproxy':
      return haproxyConfig(s, o);
    case 'keepalived':
      return keepalivedConfig(s, o);
  }
}
