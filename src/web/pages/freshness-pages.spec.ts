import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, seedScenario } from '../../../test/reminder-scenario.js';
import { ensureSetupCode, webRoutes } from '../routes.js';
import { Client, createKit, FakeJobs, logIn, setUp, type Kit } from '../test-kit.js';

const HOUR = 3_600_000;

/** The "Data as of" aside of a page, or null when the page has none. */
function asOf(body: string): string | null {
  return (
    /<aside class="asof[^"]*" aria-label="Data as of">[\s\S]*?<\/aside>/.exec(body)?.[0] ?? null
  );
}

/** Record the file source's last good sync `ago` ms before NOW. */
async function inventorySynced(kit: Kit, ago: number): Promise<void> {
  await kit.ctx.inventory.recordSourceResult('file', new Date(NOW.getTime() - ago), {
    ok: true,
    issues: [],
  });
}

// Two different pages, so the line is the shell's and not one view's.
const PAGES = ['/', '/hosts'] as const;

/**
 * The kit's dashboard over the same data with a file inventory source configured, as a server
 * that syncs inventory has (the kit configures no source).
 */
async function withFileSource(
  kit: Kit,
  over: (
    config: Kit['ctx']['loaded']['config'],
  ) => Partial<Kit['ctx']['loaded']['config']> = () => ({}),
): Promise<FastifyInstance> {
  const { config } = kit.ctx.loaded;
  const ctx = {
    ...kit.ctx,
    loaded: {
      ...kit.ctx.loaded,
      config: {
        ...config,
        inventory: { ...config.inventory, files: ['hosts.json'] },
        ...over(config),
      },
    },
  };
  const app = Fastify({ logger: false });
  await webRoutes(app, ctx, { jobs: new FakeJobs() });
  await app.ready();
  return app;
}

describe('"Data as of" in the page shell', () => {
  let kit: Kit;
  let app: FastifyInstance;
  /** Signed in to the dashboard with the file source configured. */
  let client: Client;
  /** Signed in to the kit's own dashboard: no inventory source configured. */
  let unconfigured: Client;

  beforeAll(async () => {
    kit = await createKit({ now: NOW, seed: ({ db }) => seedScenario(db) });
    unconfigured = new Client(kit.app);
    await setUp(unconfigured, (await ensureSetupCode(kit.ctx.db, NOW))!);
    app = await withFileSource(kit);
    client = new Client(app);
    await logIn(client);
  });
  afterAll(async () => {
    await app.close();
    await kit.close();
  });

  it('says what to set when no inventory source is configured, not a command that refuses', async () => {
    const aside = asOf((await unconfigured.get('/hosts')).body);
    expect(aside).toContain('<li>No inventory source is configured: set inventory.jamf.url,');
    // `patchbay sync inventory` exits with "No inventory source is configured" here.
    expect(aside).not.toContain('patchbay sync inventory');
    expect(aside).toMatch(/To fix: run <code>patchbay sync feeds<\/code>, or start/);
  });

  it('says when inventory never synced, and what to run', async () => {
    const aside = asOf((await client.get('/hosts')).body);
    expect(aside).toContain('Inventory <span>never</span>');
    expect(aside).toContain('<li>Inventory never synced.</li>');
    expect(aside).toMatch(
      /To fix: run <code>patchbay sync feeds<\/code> and <code>patchbay sync inventory<\/code>, or start/,
    );
  });

  it.each(PAGES)('warns on %s when inventory is older than two scheduled syncs', async (path) => {
    // jobs.inventory.every defaults to 4 h: 9 h is past the 8 h threshold.
    await inventorySynced(kit, 9 * HOUR);
    const res = await client.get(path);
    expect(res.statusCode).toBe(200);
    const aside = asOf(res.body);
    expect(aside).toMatch(/class="asof asof-stale"/);
    expect(aside).toContain(
      'Inventory <time datetime="2026-08-25T03:00:00.000Z" title="2026-08-25 03:00 UTC">9 h ago</time>',
    );
    expect(aside).toContain('<li>Inventory from file is 9 h old, past 8 h.</li>');
    expect(aside).toContain('<code>patchbay sync inventory --source file</code>');
  });

  it.each(PAGES)('gives the time without an inventory warning on %s when fresh', async (path) => {
    await inventorySynced(kit, 25 * 60_000);
    const aside = asOf((await client.get(path)).body);
    expect(aside).toContain(
      'Inventory <time datetime="2026-08-25T11:35:00.000Z" title="2026-08-25 11:35 UTC">25 min ago</time>',
    );
    expect(aside).not.toContain('Inventory from');
    expect(aside).not.toContain('Inventory never');
  });

  it('names the stale feeds and dates the feeds by their newest sync', async () => {
    // The scenario reads every feed an hour before NOW, then firefox's next read fails.
    const aside = asOf((await client.get('/hosts')).body);
    expect(aside).toContain('Feeds <time datetime="2026-08-25T11:00:00.000Z"');
    expect(aside).toContain(
      '<li>Feed firefox failed its last sync (GET http://feeds.invalid/firefox answered 500); last good sync 1 h ago (Mozilla Firefox shown as unknown).</li>',
    );
    expect(aside).not.toContain('Feed chrome');
  });

  it('names a stale feed the config has turned off, and offers no sync, which would skip it', async () => {
    const off = await withFileSource(kit, (config) => {
      const firefox = config.feeds.firefox;
      if (!firefox) throw new Error('the default config lists the firefox feed');
      // The feeds type mixes an index signature with `custom`: Object.assign keeps both.
      return {
        feeds: Object.assign({}, config.feeds, { firefox: { ...firefox, enabled: false } }),
      };
    });
    try {
      const other = new Client(off);
      await logIn(other);
      const aside = asOf((await other.get('/hosts')).body);
      expect(aside).toContain(
        '<li>Feed firefox is disabled or no longer listed under feeds in the config, so no sync reads it (Mozilla Firefox shown as unknown).</li>',
      );
      expect(aside).not.toContain('patchbay sync feeds');
    } finally {
      await off.close();
    }
  });

  it.each(PAGES)('shows no warning at all on %s when everything is fresh', async (path) => {
    await kit.ctx.catalog.recordNotModified('firefox', new Date(NOW.getTime() - HOUR));
    await inventorySynced(kit, 25 * 60_000);
    const aside = asOf((await client.get(path)).body);
    expect(aside).toMatch(/^<aside class="asof" /);
    expect(aside).not.toContain('Stale data');
    expect(aside).not.toContain('<li>');
  });

  it('is on the other signed-in pages too, and not on the login page', async () => {
    for (const path of ['/people', '/jobs', '/people/ada@example.com', '/hosts/nope'])
      expect(asOf((await client.get(path)).body), path).not.toBeNull();
    const anonymous = new Client(kit.app);
    const login = await anonymous.get('/login');
    expect(login.statusCode).toBe(200);
    expect(asOf(login.body)).toBeNull();
  });
});
