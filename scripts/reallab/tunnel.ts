import { once } from 'node:events';
import { existsSync } from 'node:fs';
import type { Namespaces } from './netns.ts';

/**
 * One end of an IP-in-IP tunnel (RFC 2003, IP protocol 4), doing what Linux's ipip driver does
 * (net/ipv4/ipip.c): this kernel is built without it (CONFIG_NET_IPIP is not set, so
 * `ip link add … type ipip` answers "Unknown device type"). The tunnel's device is a TUN device
 * (`ip tuntap`), so routing into it and out of it stays the kernel's; the program only moves
 * packets between it and a raw IP socket of protocol 4, through which the kernel itself writes
 * and reads the outer header. What crosses the wire is the same as the driver's: an outer IPv4
 * header local → remote, protocol 4, then the client's packet untouched.
 *
 * encap: every packet routed into the TUN device leaves wrapped, to `remote`.
 * decap: every protocol-4 packet from `remote` is unwrapped and handed to the kernel as if it
 * had arrived on the TUN device (ipip_rcv → the tunnel's device), the outer header gone.
 * argv: encap|decap device local remote
 */
export const TUNNEL_PY = `
import fcntl, os, socket, struct, sys
role, dev, local, remote = sys.argv[1:5]
TUNSETIFF, IFF_TUN, IFF_NO_PI = 0x400454ca, 0x0001, 0x1000
tun = os.open('/dev/net/tun', os.O_RDWR)
fcntl.ioctl(tun, TUNSETIFF, struct.pack('16sH', dev.encode(), IFF_TUN | IFF_NO_PI))
raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, 4)
raw.bind((local, 0))
print('ready', flush=True)
if role == 'encap':
    while True:
        packet = os.read(tun, 65535)
        if packet[0] >> 4 == 4:
            raw.sendto(packet, (remote, 0))
else:
    while True:
        packet, (sender, _) = raw.recvfrom(65535)
        if sender == remote:
            os.write(tun, packet[(packet[0] & 15) * 4:])
`;

/** Debian's own Python where it is: a version manager's `python3` shim (pyenv) costs a second a start. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Makes the TUN device `device` in namespace `where`: up, 20 bytes under the link's MTU for the outer header, as the ipip driver sets it. */
export function tunnelDevice(ns: Namespaces, where: string, device: string): void {
  ns.ip(where, [
    ['tuntap', 'add', 'dev', device, 'mode', 'tun'],
    ['link', 'set', 'dev', device, 'mtu', '1480', 'up'],
  ]);
}

/** Starts the tunnel end on `device` (made by tunnelDevice); resolves once it runs. */
export async function tunnelEnd(
  ns: Namespaces,
  where: string,
  role: 'encap' | 'decap',
  device: string,
  local: string,
  remote: string,
): Promise<void> {
  const p = ns.start(where, PYTHON, ['-c', TUNNEL_PY, role, device, local, remote]);
  const [line] = (await Promise.race([once(p.stdout!, 'data'), once(p, 'exit').then(() => [Buffer.from('')])])) as [Buffer];
  if (!line.toString().includes('ready')) throw new Error(`the tunnel end ${device} in ${where} did not start`);
}
