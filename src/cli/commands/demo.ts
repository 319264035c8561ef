import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { startDemoServer } from '../../../sandbox/demo/demo-server.js';
import { DEMO_NOW, runDemo, type DemoRun } from '../../../sandbox/demo/run-demo.js';
import { createDemoAdmin } from '../../../sandbox/demo/demo-admin.js';
import { demoConfigYaml } from '../../../sandbox/demo/demo-config.js';
import { optionTable } from '../../platform/config/load-from-disk.js';
import { printJson, table, type Io } from '../output.js';
import { intIn } from '../parse-int.js';

interface DemoCliOptions {
  readonly db: string;
  readonly hosts: number;
  readonly people: number;
  readonly seed: number;
  readonly once?: boolean;
  readonly serve?: boolean;
  readonly port: number;
  readonly json?: boolean;
  readonly writeConfig?: string;
  readonly keepRunning?: boolean;
}

/**
 * The whole system on one machine with no network: stand-ins for the feeds, Jamf Pro, Fleet and
 * Slack, a generated fleet, one full cycle, then the dashboard and the Slack inbox.
 */
export function registerDemo(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description(
      'Run Patchbay end to end against local stand-ins (no network, embedded SQLite) and show the result',
    )
    .option('--db <path>', 'SQLite file for the demo (recreated each run)', './var/demo.db')
    .option('--hosts <n>', 'computers in the generated fleet', intIn(1, 100_000), 500)
    .option('--people <n>', 'people in the generated fleet', intIn(1, 100_000), 300)
    .option('--seed <n>', 'seed of the generated fleet', intIn(0, 2 ** 31), 7)
    .option(
      '--once',
      'run one cycle, print the summary and exit (the default when not on a terminal, e.g. in CI)',
    )
    .option('--serve', 'serve the dashboard after the cycle even when not on a terminal')
    .option('--port <n>', 'dashboard port (0: any free port)', intIn(0, 65_535), 8080)
    .option('--json', 'print the summary as JSON')
    .option(
      '--write-config <path>',
      'write a patchbay.yaml pointing at the stand-ins, for serve, sync and remind (--config)',
    )
    .option('--keep-running', 'keep the stand-ins running after the cycle, until Ctrl-C')
    .action(async (opts: DemoCliOptions) => {
      const run = await runDemo(io, {
        dbPath: opts.db,
        hosts: opts.hosts,
        people: opts.people,
        seed: opts.seed,
      });
      printSummary(io, run, opts);
      const serve = opts.serve || (!opts.once && io.isTty && !io.env.CI);
      // One admin per demo database: its setup code works once, so it is created once here.
      const login = serve || opts.writeConfig ? await createDemoAdmin(run.ctx) : null;
      if (opts.writeConfig) writeDemoConfig(io, run, opts.writeConfig, login);
      const stays = serve || Boolean(opts.keepRunning);
      io.out(standInLines(run, stays));
      if (!stays) {
        await run.ctx.close();
        await run.world.close();
        setExit(0);
        return;
      }
      if (serve) await serveDemo(io, run, opts.port, login ?? (await createDemoAdmin(run.ctx)));
      else await keepStandIns(io, run);
    });
}

function printSummary(io: Io, run: DemoRun, opts: DemoCliOptions): void {
  const s = run.summary;
  if (opts.json) {
    printJson(io, s);
    return;
  }
  const f = s.findings;
  io.out(
    `\nPatchbay demo (simulated clock ${DEMO_NOW.toISOString().slice(0, 16)}Z, database ${opts.db})\n` +
      `${table(
        [
          'computers',
          'people',
          'current',
          'pending',
          'overdue',
          'unsupported',
          'unknown',
          'digests sent',
          'not delivered',
          'version changes recorded',
        ],
        [
          [
            s.hosts,
            s.people,
            f.current ?? 0,
            f.pending ?? 0,
            f.overdue ?? 0,
            f.unsupported ?? 0,
            f.unknown ?? 0,
            s.digestsSent,
            s.digestsFailed,
            s.historyChanges,
          ],
        ],
      )}\n`,
  );
  if (s.staleFeeds.length > 0)
    io.out(
      `Stale on the demo clock (products unknown; a feed counts as read when its sample was taken):\n${s.staleFeeds.map((r) => `  ${r}\n`).join('')}`,
    );
}

/** Every stand-in's URL, and whether it still answers after this command returns. */
function standInLines(run: DemoRun, stays: boolean): string {
  const u = run.world.urls;
  return (
    `\nStand-ins (${stays ? 'running until Ctrl-C' : 'stopped with the demo; --keep-running keeps them up'}):\n` +
    `  feeds      ${u.feeds}\n  Jamf Pro   ${u.jamf}\n  Fleet      ${u.fleet}\n  Slack API  ${u.slack}\n`
  );
}

function writeDemoConfig(
  io: Io,
  run: DemoRun,
  path: string,
  login: { username: string; password: string } | null,
): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  // Secrets inside: readable by the owner only, as a real patchbay.yaml with secrets should be.
  writeFileSync(path, demoConfigYaml(run.world.env, optionTable(), process.cwd()), {
    mode: 0o600,
  });
  io.out(
    `\nConfig written to ${path}. While the stand-ins run, try:\n` +
      `  patchbay --config ${path} sync feeds\n  patchbay --config ${path} sync inventory\n` +
      // The samples are true on the demo clock, stale on the real one: preview on the demo's.
      `  patchbay --config ${path} remind --dry-run --as-of ${DEMO_NOW.toISOString()}\n` +
      `  patchbay --config ${path} serve` +
      (login ? `   (dashboard user ${login.username}, password ${login.password})\n` : '\n'),
  );
}

async function keepStandIns(io: Io, run: DemoRun): Promise<void> {
  io.out('Press Ctrl-C to stop.\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await run.ctx.close();
  await run.world.close();
}

async function serveDemo(
  io: Io,
  run: DemoRun,
  port: number,
  login: { username: string; password: string },
): Promise<void> {
  const server = await startDemoServer(run, {
    // Another demo or service on the port should not end the demo: any free port will do.
    port: (await portIsFree(port)) ? port : 0,
  });
  io.out(
    `\nDashboard:   ${server.url}/  (user ${login.username}, password ${login.password})\nSlack inbox: ${server.url}/demo/slack\n` +
      `Jobs:        ${server.url}/jobs  ("Run now" runs a real sync or reminder cycle against the stand-ins)\nPress Ctrl-C to stop.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop(5000);
  await run.world.close();
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
