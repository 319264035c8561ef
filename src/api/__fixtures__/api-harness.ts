import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { NOW, seedScenario } from '../../../test/reminder-scenario.js';
import { createContext, type AppContext } from '../../context.js';
import { TokenStore } from '../../platform/auth/token-store.js';
import { loadConfig } from '../../platform/config/load.js';
import { optionTable } from '../../platform/config/load-from-disk.js';
import { PatchbayError } from '../../platform/errors/errors.js';
import { apiRoutes } from '../api-routes.js';
import { installApiErrors } from '../error-handler.js';
import type { JobStatusBody, JobsPort } from '../jobs-routes.js';

/** A seeded in-memory Patchbay with the API mounted, tokens of each kind, and a fake scheduler. */
export interface ApiHarness {
  readonly ctx: AppContext;
  readonly app: FastifyInstance;
  readonly tokens: { read: string; admin: string; revoked: string; expired: string };
  /** Every job run through POST /jobs/:name/run. */
  readonly ran: string[];
  /** Every route Fastify registered, as `METHOD url`. */
  readonly registered: string[];
  close(): Promise<void>;
}

/** One job as the runner reports it (GET /jobs), so the response matches its documented schema. */
export const JOBS: JobStatusBody[] = [
  {
    name: 'sync-feeds',
    everyMs: 3_600_000,
    nextRunAt: new Date(NOW.getTime() + 3_600_000).toISOString(),
    lastRunAt: NOW.toISOString(),
    lastStatus: 'succeeded',
    lastError: null,
    lastOutcome: '3 feeds synced, 12 new releases; edge failed: HTTP 503',
    lastDurationMs: 1200,
    running: false,
  },
];

/** Test support for the API specs (not mounted anywhere). */
export async function openApiHarness(): Promise<ApiHarness> {
  const loaded = loadConfig(optionTable(), {
    text: null,
    path: null,
    env: { PATCHBAY_DATABASE__URL: 'sqlite::memory:' },
    readFile: () => '',
  });
  const ctx = await createContext(loaded, { now: () => NOW, log: pino({ level: 'silent' }) });
  await seedScenario(ctx.db);
  // The API reads stored findings, as a running server has them after its first sync.
  await ctx.refreshFindings();
  const store = new TokenStore(ctx.db);
  const make = async (name: string, scope: 'read' | 'admin', expiresAt: Date | null) =>
    (await store.create({ name, scope, expiresAt, now: new Date(NOW.getTime() - 86_400_000) }))
      .token;
  const tokens = {
    read: await make('reader', 'read', null),
    admin: await make('admin', 'admin', null),
    revoked: await make('old', 'admin', null),
    expired: await make('temp', 'admin', new Date(NOW.getTime() - 1000)),
  };
  await store.revoke('old', NOW);
  const ran: string[] = [];
  const jobs: JobsPort = {
    status: () => Promise.resolve(JOBS),
    runNow(name) {
      if (!JOBS.some((j) => j.name === name))
        return Promise.reject(new PatchbayError('E_NOT_FOUND', `no job named "${name}"`));
      ran.push(name);
      return Promise.resolve();
    },
  };
  const app = Fastify({ logger: false });
  const registered: string[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) registered.push(`${m} ${r.url}`);
  });
  // As buildServer() does: the API inherits the server-wide error answers.
  installApiErrors(app, ctx.log);
  await apiRoutes(app, ctx, { jobs });
  await app.ready();
  return {
    ctx,
    app,
    tokens,
    ran,
    registered,
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}
