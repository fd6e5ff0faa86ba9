/**
 * The small real programs the lab runs inside its namespaces, as Node scripts given to
 * `node -e`. Times are wall-clock milliseconds (performance.timeOrigin + now()): every process
 * is on this one machine, so they share the clock.
 */

/**
 * A backend: answers every request after the service time the client asks for, and says who it
 * is, what it saw as the connection's two ends, and when it received and answered.
 * argv: ip port name
 */
export const SERVER_JS = `
const http = require('http');
const [ip, port, name] = process.argv.slice(1);
const now = () => performance.timeOrigin + performance.now();
http.createServer((q, r) => {
  const recv = now();
  const wait = Math.min(10000, Number(q.headers['x-lab-service-ms']) || 0);
  setTimeout(() => {
    r.setHeader('x-lab-server', name);
    r.setHeader('x-lab-saw', q.socket.remoteAddress + ':' + q.socket.remotePort);
    r.setHeader('x-lab-local', q.socket.localAddress + ':' + q.socket.localPort);
    r.setHeader('x-lab-recv', String(recv));
    r.setHeader('x-lab-sent', String(now()));
    r.setHeader('connection', 'close');
    r.end(name);
  }, wait);
}).listen(Number(port), ip, () => console.log('ready'));
`;

/** One request the client sends: when (ms after the start), from where, and what. */
export interface PlannedRequest {
  id: number;
  at: number;
  client: string;
  port: number;
  method: string;
  path: string;
  host: string;
  serviceMs: number;
  /** Request headers and cookies the scenario gives it (L7 rules read them). */
  headers: Record<string, string>;
  cookies: Record<string, string>;
  /** The server the engine chose: where lb1 sends the connection when it replays the engine's picks. */
  server: string | null;
}

/** What the client saw of one request. Times are ms after the start. */
export interface ClientResult {
  id: number;
  sentAt: number;
  doneAt: number;
  status: number | null;
  error: string | null;
  server: string | null;
  /** The connection's far end as the server saw it, and its own end ("ip:port"). */
  saw: string | null;
  local: string | null;
  recvAt: number | null;
  answeredAt: number | null;
}

/**
 * The clients: sends each planned request at its time over a new TCP connection from the
 * client's own address and port, and prints a JSON array of ClientResult when all are done.
 * argv: vip port timeoutMs planJSON
 */
export const CLIENT_JS = `
const http = require('http');
const [vip, vport, timeoutMs, planJson] = process.argv.slice(1);
const plan = JSON.parse(planJson);
const now = () => performance.timeOrigin + performance.now();
const start = now() + 300;
const results = [];
let left = plan.length;
const finish = (res) => { results.push(res); if (--left === 0) { console.log(JSON.stringify(results)); process.exit(0); } };
for (const p of plan) {
  setTimeout(() => {
    const sentAt = now() - start;
    const base = { id: p.id, sentAt, status: null, error: null, server: null, saw: null, local: null, recvAt: null, answeredAt: null };
    const req = http.request({ host: vip, port: Number(vport), method: p.method, path: p.path, localAddress: p.client, localPort: p.port, agent: false,
      headers: { ...p.headers, ...(Object.keys(p.cookies).length ? { cookie: Object.entries(p.cookies).map(([k, v]) => k + '=' + v).join('; ') } : {}),
        host: p.host, 'x-lab-service-ms': String(p.serviceMs), connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => {
        const h = res.headers;
        finish({ ...base, doneAt: now() - start, status: res.statusCode, server: h['x-lab-server'] || null, saw: h['x-lab-saw'] || null, local: h['x-lab-local'] || null,
          recvAt: h['x-lab-recv'] ? Number(h['x-lab-recv']) - start : null, answeredAt: h['x-lab-sent'] ? Number(h['x-lab-sent']) - start : null });
      });
    });
    req.setTimeout(Number(timeoutMs), () => req.destroy(new Error('timeout')));
    req.on('error', (e) => finish({ ...base, doneAt: now() - start, error: e.message === 'timeout' ? 'timeout' : (e.code || e.message) }));
    req.end();
  }, Math.max(0, start + p.at - now()));
}
if (plan.length === 0) { console.log('[]'); process.exit(0); }
`;
