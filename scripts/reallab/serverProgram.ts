import { existsSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import type { Scenario, ServerConfig } from '../../src/sim/scenario.ts';
import type { Namespaces } from './netns.ts';

/**
 * A backend as the engine models it (src/sim/servers.ts): `concurrency` workers, each taking
 * one connection at a time from the kernel's accept queue (an explicit accept loop, as a
 * pre-fork server does; Node's http server accepts every connection at once, so no queue would
 * ever form), served in `serviceMs / speed`; the listen backlog bounds that queue, and the
 * kernel drops a SYN that finds it full (tcp_conn_request: sk_acceptq_is_full → drop), so the
 * client retransmits it. Linux's queue holds one more than listen()'s argument
 * (sk_acceptq_is_full: ack_backlog > max_ack_backlog), hence `backlog - 1`. TCP_DEFER_ACCEPT
 * queues a connection only once its request has arrived: the engine's queue holds requests, and
 * a worker that took a connection whose first data a full queue had dropped would wait for the
 * client's retransmission, idle, for seconds (a blocking pre-fork server's known stall).
 *
 * With `sessions`, a request for the login path makes a session in this process's memory and
 * sets the cookie `session`; any other request carrying a session this process does not hold is
 * answered 401 (servers.ts, checkSession). The session's name is the engine's own
 * (`client#id`, sent by the client in x-lab-session) so a later request's cookie means the same.
 *
 * SIGUSR1 fails it the way `onFailure: "refuse"` says: the listener closes (new connections are
 * reset by the kernel) and every connection under way or queued is reset. SIGUSR2 brings it
 * back. (A server that hangs is made by dropping its packets: see hang().)
 *
 * Each request's arrival is printed ("recv <wall ms> <x-lab-id>"): the lab's event timeline
 * reads the client's start from the first one.
 * argv: ip port name workers backlog speed loginPath
 */
export const SERVER_PY = `
import signal, socket, sys, threading, time
ip, port, name, workers, backlog, speed, login = sys.argv[1:8]
port, workers, backlog, speed = int(port), int(workers), int(backlog), float(speed)
now = lambda: time.time() * 1000
lock = threading.Lock()
ready = threading.Condition(lock)
state = {'listener': None, 'stop': threading.Event()}
conns = set()
sessions = set()
say = lambda line: (sys.stdout.write(line + '\\n'), sys.stdout.flush())

def listen():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_DEFER_ACCEPT, 60)
    s.bind((ip, port))
    s.listen(max(0, backlog - 1))
    return s

def reset(c):
    try:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00')
        c.close()
    except OSError:
        pass

def serve(c, stop):
    data = b''
    while b'\\r\\n\\r\\n' not in data:
        chunk = c.recv(65536)
        if not chunk:
            return
        data += chunk
    recv = now()
    head, _, body = data.partition(b'\\r\\n\\r\\n')
    lines = head.decode('latin-1').split('\\r\\n')
    method, path = lines[0].split(' ')[0:2]
    h = {}
    for line in lines[1:]:
        k, _, v = line.partition(':')
        h[k.strip().lower()] = v.strip()
    need = int(h.get('content-length') or 0)
    while len(body) < need:
        chunk = c.recv(65536)
        if not chunk:
            return
        body += chunk
    say('recv %.3f %s' % (recv, h.get('x-lab-id', '')))
    wait = min(10000.0, float(h.get('x-lab-service-ms') or 0)) / speed
    if stop.wait(wait / 1000):
        return
    status, extra = 200, ''
    if login:
        cookies = dict(p.strip().partition('=')[::2] for p in h.get('cookie', '').split(';') if '=' in p)
        if path.split('?')[0] == login:
            sid = h.get('x-lab-session') or ('%s#%d' % (c.getpeername()[0], len(sessions) + 1))
            with lock:
                sessions.add(sid)
            extra = 'set-cookie: session=%s\\r\\n' % sid
        elif 'session' in cookies and cookies['session'] not in sessions:
            status = 401
    peer, local = c.getpeername(), c.getsockname()
    text = name.encode()
    c.sendall(('HTTP/1.1 %d %s\\r\\nx-lab-server: %s\\r\\nx-lab-saw: %s:%d\\r\\nx-lab-local: %s:%d\\r\\nx-lab-recv: %.3f\\r\\nx-lab-sent: %.3f\\r\\n%scontent-length: %d\\r\\nconnection: close\\r\\n\\r\\n'
        % (status, 'OK' if status == 200 else 'Unauthorized', name, peer[0], peer[1], local[0], local[1], recv, now(), extra, len(text))).encode() + text)
    c.close()

def worker():
    while True:
        with lock:
            while state['listener'] is None:
                ready.wait()
            l, stop = state['listener'], state['stop']
        try:
            c, _ = l.accept()
        except OSError:
            time.sleep(0.001)
            continue
        with lock:
            conns.add(c)
        try:
            serve(c, stop)
        except OSError:
            pass
        finally:
            with lock:
                conns.discard(c)

def fail(*_):
    with lock:
        l, state['listener'] = state['listener'], None
        state['stop'].set()
        state['stop'] = threading.Event()
        held = list(conns)
        conns.clear()
    if l is not None:
        # shutdown wakes the workers blocked in accept(); closing the listener resets the
        # connections still in its accept queue (inet_csk_listen_stop).
        try:
            l.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        l.close()
    for c in held:
        reset(c)

def restore(*_):
    with lock:
        if state['listener'] is None:
            state['listener'] = listen()
            ready.notify_all()

signal.signal(signal.SIGUSR1, fail)
signal.signal(signal.SIGUSR2, restore)
state['listener'] = listen()
for _ in range(workers):
    threading.Thread(target=worker, daemon=True).start()
say('ready')
while True:
    signal.pause()
`;

/** Debian's own Python where it is: a version manager's shim (pyenv) costs a second a start. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** A running server program, and how the event timeline fails it and brings it back. */
export interface RunningServer {
  config: ServerConfig;
  process: ChildProcess;
  fail(): void;
  restore(): void;
}

/**
 * Starts the server program for `server` in its namespace; resolves once it listens. `onRecv`
 * hears each request's arrival (wall-clock ms, the lab's request id).
 */
export async function startServer(
  ns: Namespaces,
  where: string,
  s: Scenario,
  server: ServerConfig,
  listenOn: string,
  onRecv: (atMs: number, id: number) => void,
): Promise<RunningServer> {
  const p = ns.start(where, PYTHON, [
    '-c',
    SERVER_PY,
    listenOn,
    String(server.port),
    server.name,
    String(server.concurrency),
    String(server.backlog),
    String(server.speed),
    s.sessions?.loginPath ?? '',
  ]);
  let rest = '';
  let started: (ok: boolean) => void = () => {};
  const ready = new Promise<boolean>((r) => (started = r));
  p.stdout!.on('data', (d: Buffer) => {
    const lines = (rest + d.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') started(true);
      const m = /^recv (\S+) (\d+)$/.exec(line);
      if (m) onRecv(Number(m[1]), Number(m[2]));
    }
  });
  p.once('exit', () => started(false));
  if (!(await ready)) throw new Error(`the server program of ${server.name} did not start`);
  // The server's namespace is its machine: a hang drops everything it would send or receive.
  const hang = (on: boolean) =>
    ns.exec(
      where,
      'nft',
      ['-f', '-'],
      on
        ? 'table ip hang {\n  chain in { type filter hook input priority 0; policy drop; }\n  chain out { type filter hook output priority 0; policy drop; }\n}\n'
        : 'delete table ip hang\n',
    );
  let down = false;
  return {
    config: server,
    process: p,
    fail() {
      if (down) return;
      down = true;
      if (server.onFailure === 'refuse') p.kill('SIGUSR1');
      else hang(true);
    },
    restore() {
      if (!down) return;
      down = false;
      if (server.onFailure === 'refuse') p.kill('SIGUSR2');
      else hang(false);
    },
  };
}
