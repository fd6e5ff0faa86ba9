/**
 * The scenario as real configuration, or its run as a capture.
 *
 *   npm run --silent export -- FILE.json --format nginx|haproxy|keepalived|nftables|pcap [--balancer lb1|lb2] [--cache-dir DIR]
 *
 * Writes to stdout and exits 0:
 * - nginx: a complete nginx.conf (http{} for L7, stream{} for L4); --cache-dir sets proxy_cache_path
 *   (default /var/cache/nginx/lab).
 * - haproxy: a haproxy.cfg.
 * - keepalived: the keepalived.conf of ONE balancer, --balancer lb1 (the default) or lb2: each
 *   machine gets its own file. In L4 it has IPVS's virtual_server (lb_algo, lb_kind, the real
 *   servers last-first, their TCP_CHECKs).
 * - nftables: the ruleset of the lab's own kernel full NAT, the one the real lab loads (L4,
 *   forwarding full-nat only; refused otherwise with one line).
 * - pcap: the run as a libpcap file (src/export/pcap.ts), written while it runs (scripts/exportPcap.ts);
 *   refused when stdout is a terminal.
 *
 * The same conventions as scripts/simulate.ts: a file that cannot be read or is not a valid
 * scenario, or a bad option gets one line on stderr (`export: …`), exit 1 and nothing on stdout;
 * never a stack trace. A pcap run stopped past the command line's budget, or by node's memory
 * limit, also gets one line and exit 1, with the capture up to where it stopped on stdout.
 */
import { basename } from 'node:path';
import { CONFIG_FORMATS, configFor, configProblem, DEFAULT_EXPORT, type ConfigFormat } from '../src/export/configs.ts';
import { writePcap } from './exportPcap.ts';
import { loadScenarioFile, safeLine } from './scenarioFile.ts';

const USAGE =
  'usage: npm run --silent export -- FILE.json --format nginx|haproxy|keepalived|nftables|pcap [--balancer lb1|lb2] [--cache-dir DIR]';
const FORMATS = [...CONFIG_FORMATS, 'pcap'] as const;
type Format = (typeof FORMATS)[number];

function complain(message: string): void {
  process.stderr.write(`export: ${safeLine(message)}\n`);
}

function crash(e: unknown): void {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  complain(`internal error: ${what}`);
  process.exit(1);
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  crash(e);
});

interface Args {
  file: string;
  format: Format;
  balancer: 'lb1' | 'lb2';
  cacheDir: string;
}

/** The arguments, or a one-line reason they are wrong. */
function parseArgs(argv: readonly string[]): Args | string {
  let file: string | null = null;
  const opts = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--format' || a === '--balancer' || a === '--cache-dir') {
      const value = argv[++i];
      if (value === undefined || value === '') return `${a} needs a value`;
      opts.set(a, value);
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (file === null && a !== '') file = a;
    else return 'give one scenario file';
  }
  if (file === null) return 'give a scenario file';
  const format = opts.get('--format');
  if (format === undefined) return '--format is required: nginx, haproxy, keepalived, nftables or pcap';
  const known = FORMATS.find((f) => f === format);
  if (!known) return `--format must be nginx, haproxy, keepalived, nftables or pcap (got ${JSON.stringify(format)})`;
  const balancer = opts.get('--balancer') ?? 'lb1';
  if (balancer !== 'lb1' && balancer !== 'lb2') return `--balancer must be lb1 or lb2 (got ${JSON.stringify(balancer)})`;
  if (opts.has('--balancer') && known !== 'keepalived') return '--balancer is for --format keepalived';
  if (opts.has('--cache-dir') && known !== 'nginx') return '--cache-dir is for --format nginx';
  return { file, format: known, balancer, cacheDir: opts.get('--cache-dir') ?? DEFAULT_EXPORT.cacheDir };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    complain(`${args}; ${USAGE}`);
    process.exitCode = 1;
    return;
  }
  const { file } = args;
  const parsed = await loadScenarioFile(file);
  if (!parsed.ok) {
    complain(parsed.message);
    process.exitCode = 1;
    return;
  }
  if (args.format === 'pcap') {
    if (process.stdout.isTTY) {
      complain('a pcap file is binary: send it to a file (> run.pcap) or a pipe (| tshark -r -)');
      process.exitCode = 1;
      return;
    }
    // Written while the run goes (scripts/exportPcap.ts); a run stopped early leaves the capture up to there.
    const problem = await writePcap(parsed.scenario, process.stdout);
    if (problem) {
      complain(`${file}: ${problem}`);
      process.exitCode = 1;
    }
    return;
  }
  const format: ConfigFormat = args.format;
  const problem = configProblem(parsed.scenario, format);
  if (problem) {
    complain(`${file}: ${problem}`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(configFor(parsed.scenario, format, { name: basename(file), balancer: args.balancer, cacheDir: args.cacheDir }));
}

main().catch(crash);
