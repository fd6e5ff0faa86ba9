import type { ServerConfig } from './scenario.ts';
import type { ServerInput } from './scenarioSchema.ts';

/**
 * The scenario's limits and defaults, apart from its schema: the page's first screen reads
 * them without loading the schema and valibot (see scripts/bundle-size.ts).
 */
export const MAX_SERVERS = 30;
export const MAX_WEIGHT = 100;
export const DEFAULT_CLIENTS = ['203.0.113.10', '192.0.2.77', '100.64.3.9', '198.18.7.21', '203.0.114.5', '192.0.3.140'];
export const DEFAULT_SERVICE_MS = 20;
/** nginx's `listen` backlog on Linux (NGX_LISTEN_BACKLOG, src/os/unix/ngx_linux_config.h): 511. */
export const DEFAULT_BACKLOG = 511;
/** The largest listen backlog a scenario may give (Linux caps it at net.core.somaxconn anyway). */
export const MAX_BACKLOG = 65_535;

/** A load's clients: the listed addresses, or the first n of the defaults. */
export function clientList(clients: number | string[]): string[] {
  if (Array.isArray(clients)) return clients;
  return Array.from({ length: clients }, (_, i) => {
    const round = Math.floor(i / DEFAULT_CLIENTS.length);
    const base = DEFAULT_CLIENTS[i % DEFAULT_CLIENTS.length]!;
    if (round === 0) return base;
    // Beyond the named defaults, each extra client gets a /24 of its own so ip_hash spreads them.
    const [a, b, c, d] = base.split('.').map(Number) as [number, number, number, number];
    return `${a}.${b}.${(c + round * 7) % 256}.${((d + round) % 254) + 1}`;
  });
}

/**
 * A server entry with its defaults: the i-th server gets 10.0.0.(11 + i):8080, or the VIP's
 * port where nothing translates ports (forwarding "dr" and "tun": pass `samePort`).
 */
export function serverConfig(x: ServerInput, i: number, samePort?: number): ServerConfig {
  return {
    name: x.name,
    weight: x.weight ?? 1,
    ip: x.ip ?? `10.0.0.${11 + i}`,
    port: x.port ?? samePort ?? 8080,
    concurrency: x.concurrency ?? 32,
    speed: x.speed ?? 1,
    maxConns: x.maxConns ?? 0,
    down: x.down ?? false,
    onFailure: x.onFailure ?? 'refuse',
    backlog: x.backlog ?? DEFAULT_BACKLOG,
  };
}
