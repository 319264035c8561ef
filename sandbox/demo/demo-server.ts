import { startServer, type RunningServer } from '../../src/serve/start-server.js';
import { capturedAt } from '../feeds/captures.js';
import { renderInboxPage } from './inbox-page.js';
import type { DemoRun } from './run-demo.js';

export interface DemoServerOptions {
  readonly port: number;
  /** How often the job runner looks for a requested run; 1 s, so "Run now" feels immediate. */
  readonly pollMs?: number;
}

/**
 * The demo's dashboard, with the real job handlers against the stand-ins on the demo clock.
 * The clock stands still, so nothing falls due by time: jobs run when "Run now" asks, each for
 * real (a feed sync from the feeds stand-in, an inventory sync from Jamf and Fleet, a reminder
 * cycle through the Slack stand-in), and the jobs page then shows what it did. Feeds are read
 * as of their captures, as the demo's first step read them, so a run keeps old samples stale.
 */
export function startDemoServer(run: DemoRun, opts: DemoServerOptions): Promise<RunningServer> {
  return startServer(run.ctx, {
    host: '127.0.0.1',
    port: opts.port,
    jobs: 'on-request',
    pollMs: opts.pollMs ?? 1000,
    jobOptions: { feedReadAt: capturedAt },
    extraRoutes: (app) =>
      app.get('/demo/slack', (_req, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .send(renderInboxPage(run.world.slack.inbox(), (id) => run.people.get(id) ?? id)),
      ),
  });
}
