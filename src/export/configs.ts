import type { Scenario } from '../sim/scenario.ts';
import { DEFAULT_EXPORT, type ExportOptions } from './common.ts';
import { haproxyConfig } from './haproxyConfig.ts';
import { keepalivedConfig } from './keepalivedConfig.ts';
import { nftablesConfig } from './nftablesConfig.ts';
import { nginxConfig } from './nginxConfig.ts';

export { DEFAULT_EXPORT, type ExportOptions } from './common.ts';

export const CONFIG_FORMATS = ['nginx', 'haproxy', 'keepalived', 'nftables'] as const;
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
    case 'nftables':
      return nftablesConfig(s, o);
  }
}

/**
 * Why a format does not fit this scenario, or null. nftables is the lab's own kernel full NAT
 * (what the real lab loads): an L4 scenario forwarding by full NAT.
 */
export function configProblem(s: Scenario, format: ConfigFormat): string | null {
  if (format !== 'nftables') return null;
  if (s.mode === 'L7') return '--format nftables writes a kernel full NAT: this scenario is L7 (a proxy: export nginx or haproxy)';
  if (s.forwarding !== 'full-nat') {
    return `--format nftables writes the real lab's full NAT: this scenario forwards by "${s.forwarding}" (--format keepalived writes its IPVS virtual_server)`;
  }
  return null;
}
