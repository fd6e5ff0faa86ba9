/**
 * The small real programs the lab runs inside its namespaces, as Node scripts given to
 * `node -e`. Times are wall-clock milliseconds (performance.timeOrigin + now()): every process
 * is on this one machine, so they share the clock.
 */

/* The backend is a Python program with workers and an accept queue: serverProgram.ts. */

/** One request the client sends: when (ms after the start), from where, and what. */
export interface PlannedRequest {
  id: number;
  at: number;
  /**
   * When its first packet leaves the client in the engine (ms): `at` plus the client's DNS
   * lookup where it makes one. The lab's clients connect to the VIP by its address, so they
   * send at this time (sending at `at` put scale-out.json's #2 ahead of #3 at lb1, which
   * swapped their turns).
   */
  sendAt: number;
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
 * A request not answered within the timeout, connect included (a server that never answers a
 * SYN), is a timeout, as the engine's client gives up after `timeouts.clientMs`. The path goes
 * on the wire percent-encoded where it is not printable ASCII (UTF-8, as a browser sends it),
 * header and cookie values as their UTF-8 bytes: nginx matches both as bytes of its own UTF-8
 * configuration. A request the client cannot send at all ends the program with one line on
 * standard error saying which and why.
 * argv: vip port timeoutMs; stdin: the plan, a JSON array of PlannedRequest (a large plan does
 * not fit a command line: E2BIG).
 */
export const CLIENT_JS = `
const http = require('http');
const [vip, vport, timeoutMs] = process.argv.slice(1);
process.on('uncaughtException', (e) => { process.stderr.write(String(e && e.message || e).replace(/\\s+/g, ' ') + '\\n'); process.exit(2); });
const now = () => performance.timeOrigin + performance.now();
const onWire = (path) => path.replace(/[^\\x21-\\x7e]+/g, (run) => encodeURIComponent(run));
const bytes = (v) => Buffer.from(String(v), 'utf8').toString('latin1');
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => send(JSON.parse(input)));
function send(plan) {
  const start = now() + 300;
  const results = [];
  let left = plan.length;
  const finish = (res) => { results.push(res); if (--left === 0) { console.log(JSON.stringify(results)); process.exit(0); } };
  for (const p of plan) {
    setTimeout(() => {
      const sentAt = now() - start;
      const base = { id: p.id, sentAt, status: null, error: null, server: null, saw: null, local: null, recvAt: null, answeredAt: null };
      let over = false;
      const end = (res) => { if (over) return; over = true; clearTimeout(deadline); finish(res); };
      const fail = (e) => end({ ...base, doneAt: now() - start, error: e.message === 'timeout' ? 'timeout' : (e.code || e.message) });
      const cookie = Object.entries(p.cookies).map(([k, v]) => k + '=' + v).join('; ');
      const headers = {};
      for (const [k, v] of Object.entries(p.headers)) headers[k] = bytes(v);
      if (cookie) headers.cookie = bytes(cookie);
      Object.assign(headers, { host: p.host, 'x-lab-service-ms': String(p.serviceMs), connection: 'close' });
      let req;
      try {
        req = http.request({ host: vip, port: Number(vport), method: p.method, path: onWire(p.path), localAddress: p.client, localPort: p.port, agent: false, headers }, (res) => {
          res.resume();
          res.on('error', fail);
          res.on('end', () => {
            const h = res.headers;
            end({ ...base, doneAt: now() - start, status: res.statusCode, server: h['x-lab-server'] || null, saw: h['x-lab-saw'] || null, local: h['x-lab-local'] || null,
              recvAt: h['x-lab-recv'] ? Number(h['x-lab-recv']) - start : null, answeredAt: h['x-lab-sent'] ? Number(h['x-lab-sent']) - start : null });
          });
        });
      } catch (e) {
        throw new Error('request ' + p.id + ' (' + p.method + ' ' + p.path + ') cannot be sent: ' + e.message);
      }
      // The whole exchange, connect included: a socket timeout starts only once connected.
      const deadline = setTimeout(() => req.destroy(new Error('timeout')), Number(timeoutMs));
      req.on('error', fail);
      req.end();
    }, Math.max(0, start + p.sendAt - now()));
  }
  if (plan.length === 0) { console.log('[]'); process.exit(0); }
}
`;
