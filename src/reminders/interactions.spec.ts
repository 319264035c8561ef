import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../sandbox/slack/server.js';
import { NOW, SLACK_USERS, seedScenario } from '../../test/reminder-scenario.js';
import { reminderFindings } from '../compliance/service.js';
import { createContext, type AppContext } from '../context.js';
import { SlackClient } from '../integrations/slack/slack-client.js';
import { loadConfig } from '../platform/config/load.js';
import { optionTable } from '../platform/config/load-from-disk.js';
import { createMetrics } from '../platform/metrics/metrics.js';
import { buildServer } from '../platform/server/build-server.js';
import { runReminderCycle } from './cycle.js';
import { NOTICES } from './interactions.js';
import { ReminderStore } from './store.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const log = pino({ level: 'silent' });

interface Button {
  action_id: string;
  value: string;
}

describe('Slack interactivity endpoint', () => {
  let dir: string;
  let ctx: AppContext;
  let app: FastifyInstance;
  let url: string;
  let standIn: SlackStandIn;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-int-'));
    standIn = new SlackStandIn({ users: SLACK_USERS, now: () => NOW.getTime(), limits: false });
    const apiUrl = await standIn.listen();
    const loaded = loadConfig(optionTable(), {
      text: null,
      path: null,
      env: {
        PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}`,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: standIn.token,
        PATCHBAY_SLACK__API_URL: apiUrl,
      },
      readFile: () => '',
    });
    ctx = await createContext(loaded, { now: () => NOW, log });
    await seedScenario(ctx.db);
    const slack = new SlackClient({ token: standIn.token, apiUrl, logger: log });
    await runReminderCycle(
      {
        store: new ReminderStore(ctx.db),
        slack,
        log,
        now: () => NOW,
        config: loaded.config,
        findings: () =>
          reminderFindings(
            { db: ctx.db, catalog: ctx.catalog, policies: loaded.config.policies },
            NOW,
          ),
      },
      { ignoreSchedule: true },
    );
    app = await buildServer(ctx, {
      jobs: { status: () => Promise.resolve([]), runNow: () => Promise.resolve() },
      metrics: createMetrics(),
    });
    url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/slack/interactions`;
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function buttonsOf(user: string): Button[] {
    const msg = standIn.inbox({ user }).at(-1);
    return (msg?.blocks ?? []).flatMap((b) =>
      ((b as { elements?: Button[] }).elements ?? []).filter((e) =>
        e.action_id?.startsWith('patchbay_'),
      ),
    );
  }

  const snoozes = () =>
    ctx.db.kysely
      .selectFrom('snoozes')
      .selectAll()
      .where('email', '=', 'alice@example.com')
      .execute();

  it('stores a snooze from a genuine click, and refuses the same request replayed', async () => {
    const button = buttonsOf('U0ALICE').find((b) => b.action_id === 'patchbay_snooze_1');
    expect(button).toBeDefined();
    const answered = standIn.responses.length;
    const click = await standIn.clickButton({
      url,
      signingSecret: SECRET,
      user: 'U0ALICE',
      actionId: button?.action_id ?? '',
      value: button?.value ?? '',
    });
    expect(click.status).toBe(200);
    const ref = await new ReminderStore(ctx.db).actionByRef(button?.value ?? '', NOW);
    const action = ref.status === 'ok' ? ref.action : null;
    expect(action?.kind).toBe('snooze');
    const products = action?.kind === 'snooze' ? [...action.products].sort() : [];
    const stored = await snoozes();
    expect(stored.map((s) => s.product).sort()).toEqual(products);
    expect(stored[0]).toMatchObject({
      host_id: action?.hostId,
      until: new Date(NOW.getTime() + 86_400_000).toISOString(),
    });
    // The answer says what was snoozed, and that nothing overdue was.
    const text = String((await standIn.responseAt(answered)).body.text);
    expect(text).toMatch(new RegExp(`^Snoozed ${products.join(', ')} until `));
    expect(text).toContain('anything overdue is not snoozed');
    const replay = await fetch(url, {
      method: 'POST',
      headers: click.sent.headers,
      body: click.sent.body,
    });
    expect(replay.status).toBe(401);
    expect(await snoozes()).toHaveLength(products.length);
  });

  it.each([
    ['forged', { signature: 'v0=' + '0'.repeat(64) }],
    ['stale', { timestampSeconds: Math.floor(NOW.getTime() / 1000) - 6 * 60 }],
    ['from the future', { timestampSeconds: Math.floor(NOW.getTime() / 1000) + 6 * 60 }],
  ])('rejects a %s request with 401 and changes nothing', async (_name, tamper) => {
    const before = await ctx.db.kysely.selectFrom('update_claims').selectAll().execute();
    const button = buttonsOf('U0ALICE').find((b) => b.action_id === 'patchbay_updated');
    const click = await standIn.clickButton({
      url,
      signingSecret: SECRET,
      user: 'U0ALICE',
      actionId: button?.action_id ?? '',
      value: button?.value ?? '',
      ...tamper,
    });
    expect(click.status).toBe(401);
    expect(await ctx.db.kysely.selectFrom('update_claims').selectAll().execute()).toEqual(before);
  });

  it('records "I updated" for the owner, and refuses a click on someone else’s computer', async () => {
    const button = buttonsOf('U0ALICE').find((b) => b.action_id === 'patchbay_updated');
    const answered = standIn.responses.length;
    const mine = await standIn.clickButton({
      url,
      signingSecret: SECRET,
      user: 'U0ALICE',
      actionId: button?.action_id ?? '',
      value: button?.value ?? '',
    });
    expect(mine.status).toBe(200);
    expect(await ctx.db.kysely.selectFrom('update_claims').select('email').execute()).toEqual([
      { email: 'alice@example.com' },
    ]);
    // The person is told, only them, at the response_url the click carried (the stand-in's).
    expect((await standIn.responseAt(answered)).body).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      text: NOTICES.updated,
    });
    // Bob replays the value of alice's button, genuinely signed by Slack for bob.
    const theirs = await standIn.clickButton({
      url,
      signingSecret: SECRET,
      user: 'U0BOB',
      actionId: button?.action_id ?? '',
      value: button?.value ?? '',
    });
    expect(theirs.status).toBe(403);
    expect(await ctx.db.kysely.selectFrom('update_claims').selectAll().execute()).toHaveLength(1);
    expect((await standIn.responseAt(answered + 1)).body).toMatchObject({
      response_type: 'ephemeral',
      text: NOTICES.notYours,
    });
  });
});
