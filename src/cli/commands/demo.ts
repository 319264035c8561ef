import { createServer } from 'node:net';
import type { Command } from 'commander';
import { renderInboxPage } from '../../../sandbox/demo/inbox-page.js';
import { DEMO_NOW, runDemo, type DemoRun } from '../../../sandbox/demo/run-demo.js';
import { startServer } from '../../serve/start-server.js';
import { createDemoAdmin } from '../../../sandbox/demo/demo-admin.js';
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
    .action(async (opts: DemoCliOptions) => {
      const run = await runDemo(io, {
        dbPath: opts.db,
        hosts: opts.hosts,
        people: opts.people,
        seed: opts.seed,
      });
      printSummary(io, run, opts);
      const serve = opts.serve || (!opts.once && io.isTty && !io.env.CI);
      if (!serve) {
        await run.ctx.close();
        await run.world.close();
        setExit(0);
        return;
      }
      await serveDemo(io, run, opts.port);
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
}

async function serveDemo(io: Io, run: DemoRun, port: number): Promise<void> {
  const server = await startServer(run.ctx, {
    host: '127.0.0.1',
    // Another demo or service on the port should not end the demo: any free port will do.
    port: (await portIsFree(port)) ? port : 0,
    // The demo's clock stands still: its data is a snapshot, so nothing is scheduled.
    jobs: false,
    extraRoutes: (app) =>
      app.get('/demo/slack', (_req, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .send(renderInboxPage(run.world.slack.inbox(), (id) => run.people.get(id) ?? id)),
      ),
  });
  const login = await createDemoAdmin(run.ctx);
  io.out(
    `\nDashboard:   ${server.url}/  (user ${login.username}, password ${login.password})\nSlack inbox: ${server.url}/demo/slack\nPress Ctrl-C to stop.\n`,
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
