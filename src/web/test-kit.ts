/**
 * Test support for the dashboard's specs (not used by the server): a context on a temp SQLite
 * file with an injectable clock, the app with webRoutes mounted, fake jobs, and a cookie-keeping
 * client for inject().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { refreshFindings } from '../compliance/refresh.js';
import { recordSnapshot } from '../compliance/snapshots.js';
import { complianceDeps, createContext, type AppContext } from '../context.js';
import { loadConfig } from '../platform/config/load.js';
import { optionTable } from '../platform/config/load-from-disk.js';
import { compileAppMap } from '../inventory/app-map.js';
import type { HostRecord } from '../inventory/model.js';
import { InventoryStore } from '../inventory/store.js';
import { webRoutes } from './routes.js';
import type { JobStatusLike } from './types.js';

export interface Kit {
  readonly ctx: AppContext;
  readonly app: FastifyInstance;
  readonly clock: { now: Date };
  readonly jobs: FakeJobs;
  close(): Promise<void>;
}

/** Jobs that record "Run now" calls; runNow of `broken` rejects. */
export class FakeJobs {
  readonly ran: string[] = [];
  readonly list: JobStatusLike[] = [
    {
      name: 'sync-feeds',
      everyMs: 3_600_000,
      nextRunAt: '2026-08-25T13:00:00.000Z',
      lastRunAt: '2026-08-25T12:00:00.000Z',
      lastStatus: 'ok',
      lastError: null,
      lastDurationMs: 4200,
      running: false,
    },
    {
      name: 'sync-inventory',
      everyMs: 4 * 3_600_000,
      nextRunAt: '2026-08-25T16:00:00.000Z',
      lastRunAt: '2026-08-25T12:00:00.000Z',
      lastStatus: 'failed',
      lastError: 'Fleet answered 502',
      lastDurationMs: 900,
      running: false,
    },
    {
      name: 'broken',
      everyMs: 86_400_000,
      nextRunAt: null,
      lastRunAt: null,
      lastStatus: null,
      lastError: null,
      lastDurationMs: null,
      running: false,
    },
  ];
  status = (): Promise<JobStatusLike[]> => Promise.resolve(this.list);
  runNow = (name: string): Promise<void> => {
    if (name === 'broken') return Promise.reject(new Error('queue unavailable'));
    this.ran.push(name);
    return Promise.resolve();
  };
}

export interface KitOptions {
  readonly now: Date;
  readonly seed?: (ctx: AppContext) => Promise<void>;
  /** Days of daily compliance snapshots to record before `now`. */
  readonly snapshotDays?: number;
  readonly publicUrl?: string;
}

export async function createKit(opts: KitOptions): Promise<Kit> {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-web-'));
  const loaded = loadConfig(optionTable(), {
    text: null,
    path: null,
    env: { PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}` },
    readFile: () => '',
  });
  const clock = { now: opts.now };
  const withUrl = opts.publicUrl
    ? {
        ...loaded,
        config: {
          ...loaded.config,
          server: { ...loaded.config.server, publicUrl: opts.publicUrl },
        },
      }
    : loaded;
  const ctx = await createContext(withUrl, {
    now: () => clock.now,
    log: pino({ level: 'silent' }),
  });
  await opts.seed?.(ctx);
  // Pages read stored findings: refresh them as of each snapshot day (the clock set to it), and
  // last as of `now`, which the pages then read.
  for (let d = (opts.snapshotDays ?? 0) - 1; d >= 0; d--) {
    const at = new Date(opts.now.getTime() - d * 86_400_000);
    clock.now = at;
    await ctx.refreshFindings();
    await recordSnapshot(ctx.db, at);
  }
  clock.now = opts.now;
  await ctx.refreshFindings();
  const jobs = new FakeJobs();
  const app = Fastify({ logger: false });
  await webRoutes(app, ctx, { jobs });
  await app.ready();
  return {
    ctx,
    app,
    clock,
    jobs,
    async close() {
      await app.close();
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser-like client over inject(): keeps cookies, reads the CSRF token from pages. */
export class Client {
  readonly jar = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      const cleared =
        c.value === '' || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (cleared) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return res;
  }

  private cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } }),
    );
  }

  async post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: {
          cookie: this.cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams(form).toString(),
      }),
    );
  }

  /** GET a page and return the CSRF token of its first form. */
  async csrf(url: string): Promise<string> {
    const res = await this.get(url);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${url} (status ${res.statusCode})`);
    return token;
  }
}

export const ADMIN = { username: 'admin', password: 'correct horse battery' } as const;

/** Complete setup with a fresh code: the client ends up signed in as ADMIN. */
export async function setUp(client: Client, code: string): Promise<LightMyRequestResponse> {
  const csrf = await client.csrf('/setup');
  return client.post('/setup', {
    _csrf: csrf,
    code,
    username: ADMIN.username,
    password: ADMIN.password,
    confirm: ADMIN.password,
  });
}

/** Sign in through the login form. */
export async function logIn(
  client: Client,
  password: string = ADMIN.password,
  next = '/',
): Promise<LightMyRequestResponse> {
  const csrf = await client.csrf('/login');
  return client.post('/login', { _csrf: csrf, username: ADMIN.username, password, next });
}

const PEOPLE = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Linus Pauling',
  'Hedy Lamarr',
];

/**
 * A fleet that updates over `days` days before `now`, one inventory read, findings refresh and
 * compliance snapshot per day: most Macs reach macOS 15.7.9 and Chrome 139.0.7258.139 at their own pace,
 * a few never do. Gives the trend and time-to-install charts real history. Needs the catalog of
 * test/reminder-scenario.ts.
 */
export async function seedRollout(
  ctx: AppContext,
  now: Date,
  days: number,
  hosts = 24,
): Promise<void> {
  const inventory = new InventoryStore(ctx.db);
  for (let d = days; d >= 0; d--) {
    const at = new Date(now.getTime() - d * 86_400_000);
    const elapsed = days - d;
    const records: HostRecord[] = Array.from({ length: hosts }, (_, i) => {
      // Three in four update macOS, one every half day or so; every fifth never updates Chrome.
      const macUpdated = i % 4 !== 3 && elapsed >= Math.floor(i / 2);
      const chromeUpdated = i % 5 !== 4 && d <= 5 - (i % 5);
      const person = PEOPLE[i % PEOPLE.length]!;
      return {
        source: 'file',
        sourceId: `R${i}`,
        serial: `SER-R${String(i).padStart(3, '0')}`,
        name: `${person.split(' ')[0]!.toLowerCase()}-mbp-${i}`,
        platform: 'macos',
        osVersion: macUpdated ? '15.7.9' : '15.7.8',
        osBuild: null,
        lastSeenAt: at.toISOString(),
        owner: { email: `${person.split(' ')[0]!.toLowerCase()}@example.com`, name: person },
        apps: [
          {
            kind: 'bundle-id',
            key: 'com.google.Chrome',
            name: null,
            version: chromeUpdated ? '139.0.7258.139' : '139.0.7258.128',
          },
        ],
      };
    });
    await inventory.applyPage('file', records, at, {
      appMap: compileAppMap(),
      ownerPrecedence: ['file'],
    });
    // As of that day: the refresh itself takes the time it is given, not the context's clock.
    await refreshFindings(complianceDeps(ctx), at);
    await recordSnapshot(ctx.db, at);
  }
}
