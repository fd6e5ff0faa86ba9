/**
 * The real-nginx side of the parity suite: backends that the test starts itself (Node http
 * servers on 127.0.0.1, each answering with its own name, holding a request open on demand),
 * a fresh nginx process per configuration, and a small HTTP client. Everything stays on
 * loopback; every wait has a time limit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const NGINX_BIN = process.env.NGINX_BIN ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');

const HOST = '127.0.0.1';
/** The longest a single step may take (a reply, a held request reaching its backend). */
export const STEP_TIMEOUT_MS = 5000;

/** Resolves with `p`, or rejects with `what` after `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Backends

/** Request headers the test sends through nginx (nginx passes them on to the backend). */
export const H_ID = 'x-req-id';
export const H_HOLD = 'x-hold';
export const H_CLIENT = 'x-client-ip';

interface Backend {
  index: number;
  port: number;
  server: http.Server;
}

/**
 * `count` backends, b0…b(count-1). A request carrying `X-Hold: 1` is held open until
 * `release(id)`; every other one is answered at once. Each answer names its backend in the
 * body and in `X-Backend`. Arrivals are recorded by request id, so a test can wait until a
 * held request has really reached a backend (which means nginx has already picked it).
 */
export class Backends {
  private readonly backends: Backend[] = [];
  private readonly arrivals = new Map<string, number>();
  /** Each request's headers as its backend received them (name, value, name, value, …). */
  private readonly received = new Map<string, string[]>();
  private readonly waiters = new Map<string, (index: number) => void>();
  private readonly held = new Map<string, () => void>();

  private constructor() {}

  static async start(count: number): Promise<Backends> {
    const b = new Backends();
    try {
      for (let i = 0; i < count; i++) b.backends.push(await b.listen(i));
    } catch (e) {
      await b.close();
      throw e;
    }
    return b;
  }

  get ports(): number[] {
    return this.backends.map((b) => b.port);
  }

  /** The backend index listening on `port`, or -1. */
  indexOfPort(port: number): number {
    return this.backends.findIndex((b) => b.port === port);
  }

  private listen(index: number): Promise<Backend> {
    const server = http.createServer((req, res) => {
      const id = String(req.headers[H_ID] ?? '');
      const answer = () => {
        const body = `b${index}\n`;
        res.writeHead(200, {
          'Content-Type': 'text/plain',
          'Content-Length': Buffer.byteLength(body),
          'X-Backend': `b${index}`,
        });
        res.end(body);
      };
      // Drain the (empty) request body before answering, then record the arrival.
      req.resume();
      req.on('end', () => {
        if (id) {
          this.arrivals.set(id, index);
          this.received.set(id, req.rawHeaders);
          const w = this.waiters.get(id);
          this.waiters.delete(id);
          w?.(index);
        }
        if (req.headers[H_HOLD] === '1' && id) this.held.set(id, answer);
        else answer();
      });
    });
    server.keepAliveTimeout = 1000;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, HOST, () => {
        server.off('error', reject);
        resolve({ index, port: (server.address() as AddressInfo).port, server });
      });
    });
  }

  /** Resolves with the backend index once request `id` has reached a backend. */
  waitArrival(id: string): Promise<number> {
    const seen = this.arrivals.get(id);
    if (seen !== undefined) return Promise.resolve(seen);
    const p = new Promise<number>((resolve) => this.waiters.set(id, resolve));
    return withTimeout(p, STEP_TIMEOUT_MS, `request ${id} to reach a backend`).finally(() => this.waiters.delete(id));
  }

  /**
   * The values of every header named `name` (any case) that request `id` reached its backend
   * with, in the order they came; undefined if it never reached one.
   */
  headerValues(id: string, name: string): string[] | undefined {
    const raw = this.received.get(id);
    if (!raw) return undefined;
    const out: string[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.toLowerCase() === name.toLowerCase()) out.push(raw[i + 1]!);
    return out;
  }

  /** Lets a held request answer. False when it is not (or no longer) held. */
  release(id: string): boolean {
    const answer = this.held.get(id);
    if (!answer) return false;
    this.held.delete(id);
    answer();
    return true;
  }

  releaseAll(): void {
    for (const id of [...this.held.keys()]) this.release(id);
  }

  /** Forgets past arrivals (between configurations). */
  reset(): void {
    this.releaseAll();
    this.arrivals.clear();
    this.received.clear();
  }

  async close(): Promise<void> {
    this.releaseAll();
    await Promise.all(
      this.backends.map(
        (b) =>
          new Promise<void>((resolve) => {
            b.server.close(() => resolve());
            b.server.closeAllConnections();
          }),
      ),
    );
    this.backends.length = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// nginx

export interface Nginx {
  port: number;
  dir: string;
  /** The whole nginx.conf, for failure messages. */
  conf: string;
  errorLog(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// Should the test process end abruptly, take its nginx along.
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

/** Configuration added to the fixed nginx.conf (each part indented where it goes). */
export interface NginxExtra {
  /** Directives in the `http` block (`limit_req_zone …`). */
  http?: string;
  /** Directives in the `server` block, before its locations (`limit_req …`). */
  server?: string;
  /** More locations, before `location /`. */
  locations?: string;
  /** Directives in `location /`, after `proxy_pass` (`proxy_read_timeout …`). */
  proxy?: string;
}

const indent = (text: string | undefined, spaces: number) => (text ? `${text.replace(/^/gm, ' '.repeat(spaces))}\n` : '');

function nginxConf(dir: string, port: number, upstream: string, extra: NginxExtra = {}): string {
  return `daemon off;
master_process off;
worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 512; }
http {
    access_log off;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
${indent(extra.http, 4)}
${upstream.replace(/^/gm, '    ')}

    server {
        listen ${HOST}:${port};
        set_real_ip_from 127.0.0.0/8;
        real_ip_header X-Client-IP;
${indent(extra.server, 8)}        location = /__ready { return 200 "${basename(dir)}"; }
${indent(extra.locations, 8)}        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
${indent(extra.proxy, 12)}            add_header X-Upstream $upstream_addr always;
            add_header X-Nginx "${basename(dir)}" always;
        }
    }
}
`;
}

/** A port that was free a moment ago (nginx may still lose it to a race: then we retry). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = http.createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    if (!(await waitExit(child, 3000))) {
      child.kill('SIGKILL');
      await waitExit(child, 3000);
    }
  }
  running.delete(child);
}

/**
 * Starts a fresh nginx (one process, so one set of balancer state) in a new folder under
 * `baseDir`, with `upstream` as its `upstream backend { … }` block and `extra` added to the
 * configuration. Resolves once it answers.
 */
export async function startNginx(baseDir: string, upstream: string, extra: NginxExtra = {}): Promise<Nginx> {
  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const dir = mkdtempSync(join(baseDir, 'nginx-'));
    for (const t of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, t));
    const port = await freePort();
    const conf = nginxConf(dir, port, upstream, extra);
    writeFileSync(join(dir, 'nginx.conf'), conf);
    const child = spawn(NGINX_BIN, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    running.add(child);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    let spawnError: Error | null = null;
    child.once('error', (e) => {
      spawnError = e;
    });
    const errorLog = () => {
      try {
        return readFileSync(join(dir, 'error.log'), 'utf8');
      } catch {
        return '';
      }
    };
    const nginx: Nginx = { port, dir, conf, errorLog, stop: () => kill(child) };
    let taken = false;
    for (let i = 0; i < 250; i++) {
      if (spawnError) {
        running.delete(child);
        throw new Error(`cannot run ${NGINX_BIN}: ${(spawnError as Error).message} (see scripts/test-deps.sh)`);
      }
      if (child.exitCode !== null || child.signalCode !== null) break;
      try {
        // The answer names this nginx's folder: with several nginx starting at once, a port
        // that another one took in the meantime must not pass for this one's.
        const r = await request(port, '/__ready', {}, 500);
        if (r.status === 200 && r.body === basename(dir)) return nginx;
        if (r.status === 200) {
          taken = true;
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(20);
    }
    await kill(child);
    lastError = `${stderr}${errorLog()}`.trim() || (taken ? `another nginx answered on port ${port}` : '');
    if (!taken && !/Address already in use/.test(lastError)) break;
  }
  throw new Error(`nginx did not start:\n${lastError}`);
}

/** Kills every nginx this module started that is still running. */
export async function stopAllNginx(): Promise<void> {
  await Promise.all([...running].map((c) => kill(c)));
}

/** A folder under the system's temp folder for one test file's nginx runs. */
/** Ends what a parity suite started: every nginx, its backends, its folder (the folder even if a stop fails). */
export async function tearDown(backends: Backends | undefined, base: { remove(): void } | undefined): Promise<void> {
  try {
    await stopAllNginx();
    await backends?.close();
  } finally {
    base?.remove();
  }
}

export function makeBaseDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'lb-parity-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------------------------------------
// Client

export interface Reply {
  status: number;
  /** nginx's $upstream_addr: "127.0.0.1:PORT" (several, comma separated, if it retried). */
  upstream: string | null;
  /** The backend's own name (X-Backend). */
  backend: string | null;
  /** Which nginx answered (X-Nginx: the name of its folder). */
  nginx: string | null;
  body: string;
  /** Every response header, names in lower case. */
  headers: http.IncomingHttpHeaders;
}

/**
 * One request (GET unless told) on a fresh connection (no keep-alive, so every request stands
 * alone). Other methods go with an empty body (`Content-Length: 0`).
 */
export function request(
  port: number,
  path: string,
  headers: Record<string, string>,
  timeoutMs = STEP_TIMEOUT_MS,
  method = 'GET',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = method === 'GET' || method === 'HEAD' ? {} : { 'Content-Length': '0' };
    const req = http.request(
      { host: HOST, port, path, method, agent: false, headers: { ...headers, ...body, Connection: 'close' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          body += d;
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            upstream: typeof res.headers['x-upstream'] === 'string' ? res.headers['x-upstream'] : null,
            backend: typeof res.headers['x-backend'] === 'string' ? res.headers['x-backend'] : null,
            nginx: typeof res.headers['x-nginx'] === 'string' ? res.headers['x-nginx'] : null,
            body,
            headers: res.headers,
          });
        });
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer to GET ${path} within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------
// Refusing addresses

/** Whether a connection to 127.0.0.1:`port` is refused (nothing listens there). */
export function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: HOST, port });
    const timer = setTimeout(() => {
      s.destroy();
      resolve(false);
    }, 1000);
    s.once('connect', () => {
      clearTimeout(timer);
      s.destroy();
      resolve(false);
    });
    s.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(e.code === 'ECONNREFUSED');
    });
  });
}

/** The lowest port the kernel hands out for `listen(0)` and outgoing connections. */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > 1024) return low;
  } catch {
    // not Linux: assume the IANA range
  }
  return 49152;
}

/**
 * `count` loopback ports where nothing listens, so that a connection there is refused. They
 * lie below the kernel's ephemeral range: no `listen(0)` (our nginx, our backends) and no
 * outgoing connection can be given one of them while the test runs.
 */
export async function refusingPorts(count: number): Promise<number[]> {
  const top = Math.min(ephemeralLow(), 65536) - 1;
  const bottom = Math.max(1025, top - 12000);
  const out: number[] = [];
  for (let i = 0; out.length < count && i < 200; i++) {
    const port = bottom + ((process.pid * 7919 + i * 104_729) % (top - bottom));
    if (!out.includes(port) && (await refuses(port))) out.push(port);
  }
  if (out.length < count) throw new Error(`found only ${out.length} free ports below ${top + 1} that refuse connections`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Raw requests

/**
 * One request written byte for byte (header names exactly as given, repeated ones kept apart,
 * which Node's http client would merge), on a fresh connection. Resolves with the status.
 */
export function rawRequest(port: number, path: string, headers: readonly [string, string][], timeoutMs = STEP_TIMEOUT_MS): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: HOST, port });
    let data = '';
    const timer = setTimeout(() => s.destroy(new Error(`no answer to GET ${path} within ${timeoutMs} ms`)), timeoutMs);
    s.setEncoding('latin1');
    s.on('data', (d: string) => {
      data += d;
    });
    s.once('connect', () => {
      const lines = [`GET ${path} HTTP/1.1`, `Host: ${HOST}`, ...headers.map(([k, v]) => `${k}: ${v}`), 'Connection: close', '', ''];
      s.write(lines.join('\r\n'));
    });
    s.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    s.once('close', () => {
      clearTimeout(timer);
      const m = /^HTTP\/1\.[01] (\d{3}) /.exec(data);
      if (m) resolve(Number(m[1]));
      else reject(new Error(`no HTTP status in the answer to GET ${path}: ${JSON.stringify(data.slice(0, 80))}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// A server that never answers

/**
 * A loopback TCP server that accepts every connection, reads what comes and never answers:
 * a hung server behind nginx, which waits for it until its proxy_read_timeout.
 */
export class Silent {
  /** Connections accepted so far. */
  accepted = 0;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static start(): Promise<Silent> {
    return new Promise((resolve, reject) => {
      let silent: Silent | null = null;
      const server = net.createServer((socket) => {
        if (!silent) return void socket.destroy();
        silent.accepted++;
        silent.sockets.add(socket);
        socket.on('error', () => {});
        socket.on('close', () => silent?.sockets.delete(socket));
        socket.resume();
      });
      server.once('error', reject);
      server.listen(0, HOST, () => {
        server.off('error', reject);
        silent = new Silent(server, (server.address() as AddressInfo).port);
        resolve(silent);
      });
    });
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
