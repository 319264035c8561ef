/**
 * Helpers of bench/serve.ts: a real HTTP client for 127.0.0.1 (latency samples, a signed-in
 * dashboard session), RSS sampling of this process, and the CLI run as a child process whose
 * streamed bytes and peak RSS are measured. Every loop is bounded by a count or a deadline.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** One route's latencies: first request, then sequential warm ones, then a concurrent burst. */
export interface RouteFigures {
  readonly coldMs: number;
  readonly warm: readonly number[];
  readonly concurrentMs: number;
  readonly status: number;
  readonly bytes: number;
}

/** Nearest-rank percentile of samples (p in 0..100); NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export interface MeasureOptions {
  readonly warmRequests: number;
  readonly concurrency: number;
  /** Warm requests stop early past this, once at least 5 were taken (slow routes at scale). */
  readonly budgetMs: number;
}

/**
 * The load generator, run in a worker thread: its own event loop, so a server stall is measured
 * as a client outside the process would see it, and the client's own work (timers, parsing
 * responses) does not queue behind the server's. Plain JS: a worker evaluates it as it is.
 */
const CLIENT_JS = `
const { parentPort } = require('node:worker_threads');
let stopPolling = false;
async function get(url, headers) {
  const t0 = performance.now();
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(120000) });
  const body = await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status, bytes: body.byteLength };
}
async function measure(m) {
  const cold = await get(m.url, m.headers);
  let status = cold.status;
  const warm = [];
  const t0 = performance.now();
  for (let i = 0; i < m.warmRequests; i++) {
    if (i >= 5 && performance.now() - t0 > m.budgetMs) break;
    const r = await get(m.url, m.headers);
    if (r.status !== 200) status = r.status;
    warm.push(r.ms);
  }
  const c0 = performance.now();
  const burst = await Promise.all(Array.from({ length: m.concurrency }, () => get(m.url, m.headers)));
  const concurrentMs = performance.now() - c0;
  for (const r of burst) if (r.status !== 200) status = r.status;
  return { coldMs: cold.ms, warm, concurrentMs, status, bytes: cold.bytes };
}
async function poll(m) {
  stopPolling = false;
  const samples = [];
  const t0 = performance.now();
  while (performance.now() - t0 < m.deadlineMs && !stopPolling) {
    if (m.count !== null && samples.length >= m.count) break;
    const started = performance.now();
    samples.push((await get(m.url, {})).ms);
    const wait = m.intervalMs - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  return { samples };
}
parentPort.on('message', (m) => {
  if (m.op === 'stop') { stopPolling = true; return; }
  (m.op === 'measure' ? measure(m) : poll(m)).then(
    (value) => parentPort.postMessage({ id: m.id, value }),
    (err) => parentPort.postMessage({ id: m.id, error: String(err) }),
  );
});
`;

interface Reply {
  readonly id: number;
  readonly value?: unknown;
  readonly error?: string;
}

/** Real HTTP to 127.0.0.1 from a worker thread; one request kind at a time per call. */
export class HttpLoad {
  private readonly worker = new Worker(CLIENT_JS, { eval: true });
  private readonly pending = new Map<number, (r: Reply) => void>();
  private nextId = 1;

  constructor() {
    this.worker.on('message', (r: Reply) => {
      this.pending.get(r.id)?.(r);
      this.pending.delete(r.id);
    });
  }

  private ask<T>(msg: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (r) => (r.error ? reject(new Error(r.error)) : resolve(r.value as T)));
      this.worker.postMessage({ ...msg, id });
    });
  }

  /** Cold, warm and concurrent figures of one URL; the worst status seen is kept. */
  measure(
    url: string,
    headers: Record<string, string>,
    opts: MeasureOptions,
  ): Promise<RouteFigures> {
    return this.ask({ op: 'measure', url, headers, ...opts });
  }

  /**
   * GET `url` every `intervalMs`, `count` times, or until stopPolling() when count is null; never
   * past `deadlineMs`. Returns the latencies.
   */
  async poll(
    url: string,
    opts: { intervalMs: number; count: number | null; deadlineMs: number },
  ): Promise<number[]> {
    return (await this.ask<{ samples: number[] }>({ op: 'poll', url, ...opts })).samples;
  }

  stopPolling(): void {
    this.worker.postMessage({ op: 'stop' });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

function cookiesOf(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = (pair ?? '').indexOf('=');
    if (eq > 0) out.set((pair as string).slice(0, eq), (pair as string).slice(eq + 1));
  }
  return out;
}

/**
 * Complete the dashboard's first-run setup over HTTP, as an admin would in a browser, and return
 * the Cookie header of the signed-in session.
 */
export async function signInAdmin(base: string, setupCode: string): Promise<string> {
  const form = await fetch(`${base}/setup`);
  const html = await form.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const pre = [...cookiesOf(form)].map(([k, v]) => `${k}=${v}`).join('; ');
  if (!csrf) throw new Error(`no CSRF token on /setup (status ${form.status})`);
  const password = 'bench admin password';
  const res = await fetch(`${base}/setup`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: csrf,
      code: setupCode,
      username: 'bench',
      password,
      confirm: password,
    }).toString(),
  });
  const session = [...cookiesOf(res)].find(([k]) => k.endsWith('patchbay_session'));
  if (res.status !== 303 || !session) throw new Error(`setup failed (status ${res.status})`);
  return `${session[0]}=${session[1]}`;
}

/** Samples this process's RSS every `everyMs` (unref'd: never keeps the process alive). */
export class RssSampler {
  peak = process.memoryUsage().rss;
  private readonly timer: NodeJS.Timeout;

  constructor(everyMs: number) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  sample(): number {
    const rss = process.memoryUsage().rss;
    if (rss > this.peak) this.peak = rss;
    return rss;
  }

  /** Peak since the last reset (for one phase), then start again from now. */
  reset(): void {
    this.peak = process.memoryUsage().rss;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** A /proc/<pid>/status field in bytes (Linux; null elsewhere or once the process is gone). */
function procStatusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface ChildRun {
  readonly exitCode: number | null;
  readonly ms: number;
  readonly bytes: number;
  /** Highest VmHWM read from /proc while the child ran (its peak RSS up to the last sample). */
  readonly vmHwm: number | null;
  /** The child's own process.resourceUsage().maxRSS at exit, in bytes. */
  readonly maxRss: number | null;
  readonly stderrTail: string;
}

// Preloaded into the child: it reports its own peak RSS on stderr as it exits.
const REPORT_MAX_RSS =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nBENCH_MAXRSS_KB="+process.resourceUsage().maxRSS+"\\n"))';

/**
 * Run the CLI from sources (test/run-cli.ts under tsx) with `args`, count the bytes of its
 * stdout without keeping them, and sample its RSS from /proc every 20 ms.
 */
export async function runCli(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<ChildRun> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', REPORT_MAX_RSS, 'test/run-cli.ts', ...args],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let bytes = 0;
  let stderr = '';
  let vmHwm: number | null = null;
  child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const pid = child.pid;
  const poll = setInterval(() => {
    const hwm = pid === undefined ? null : procStatusBytes(pid, 'VmHWM');
    if (hwm !== null && (vmHwm === null || hwm > vmHwm)) vmHwm = hwm;
  }, 20);
  const kill = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);
  clearTimeout(kill);
  const m = /BENCH_MAXRSS_KB=(\d+)/.exec(stderr);
  return {
    exitCode,
    ms: performance.now() - t0,
    bytes,
    vmHwm,
    maxRss: m ? Number(m[1]) * 1024 : null,
    stderrTail: stderr.replace(/\n?BENCH_MAXRSS_KB=\d+\n?/, '').slice(-800),
  };
}
