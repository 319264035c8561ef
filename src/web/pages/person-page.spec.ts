import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, seedScenario, UNKNOWN_TO_SLACK } from '../../../test/reminder-scenario.js';
import { runRemind } from '../../cli/commands/remind.js';
import type { Io } from '../../cli/output.js';
import { listHosts } from '../../inventory/host-query.js';
import type { HostRecord } from '../../inventory/model.js';
import { deliverDigest } from '../../reminders/deliver.js';
import type { SlackPort } from '../../reminders/slack-port.js';
import { ReminderStore } from '../../reminders/store.js';
import { ensureSetupCode } from '../routes.js';
import { Client, createKit, setUp, type Kit } from '../test-kit.js';
import { inControlGroup } from '../../reminders/control-group.js';
import { previewDigest } from './person-preview.js';
import { personRoutes } from './person-routes.js';

const DAY = 86_400_000;
const ALICE = 'alice@example.com';
const GINA = 'gina@example.com';
const DAVE = 'dave@example.com';
/** Current Chrome, macOS 26.6.1: one pending update, 26.6.2, due 2026-08-31. */
const GINA_MAC: HostRecord = {
  source: 'file',
  sourceId: 'G1',
  serial: 'SER-G1',
  name: 'mac-G1',
  platform: 'macos',
  osVersion: '26.6.1',
  osBuild: null,
  lastSeenAt: '2026-08-25T08:00:00.000Z',
  owner: { email: GINA, name: null },
  apps: [{ kind: 'bundle-id', key: 'com.google.Chrome', name: null, version: '139.0.7258.139' }],
};
const at = (daysAgo: number): Date => new Date(NOW.getTime() - daysAgo * DAY);

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
};
const decode = (s: string): string => s.replace(/&(lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e] ?? e);

/** The history list's entries as text, tags dropped, whitespace folded. */
function historyOf(body: string): string[] {
  const list = /<ul class="history" id="reminder-history">([\s\S]*?)<\/ul>\s*<\/section>/.exec(
    body,
  )?.[1];
  return [
    ...(list ?? '').matchAll(/<li class="history-\w+">([\s\S]*?)(?=<li class="history-|$)/g),
  ].map((m) =>
    decode(
      m[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

/** A Slack that answers chat.postMessage with the given error. */
const refusing = (error: string, retryable: boolean): SlackPort =>
  ({
    postMessage: () => Promise.resolve({ status: 'failed', error, retryable }),
  }) as unknown as SlackPort;
const accepting = {
  postMessage: () => Promise.resolve({ status: 'sent', ts: '1.1', channel: 'D1' }),
} as unknown as SlackPort;

/** The kit's context with a Slack token set, as a server that sends digests has. */
function withSlackToken(kit: Kit): Kit['ctx'] {
  const { config } = kit.ctx.loaded;
  return {
    ...kit.ctx,
    loaded: {
      ...kit.ctx.loaded,
      config: { ...config, slack: { ...config.slack, token: 'xoxb-test' } },
    },
  };
}

function captureIo(): Io & { text: () => string } {
  let out = '';
  return { out: (t) => (out += t), err: () => undefined, isTty: false, env: {}, text: () => out };
}

describe('person page: reminder history and digest preview', () => {
  let kit: Kit;
  let client: Client;

  beforeAll(async () => {
    kit = await createKit({
      now: NOW,
      seed: async ({ db, log }) => {
        await seedScenario(db, [GINA_MAC]);
        const store = new ReminderStore(db);
        // Gina's one update (macOS 26.6.2, due in 6 days) is snoozed.
        const [g1] = await listHosts(db, { q: 'mac-G1' });
        await store.snooze({
          email: GINA,
          hostId: g1!.id,
          products: ['macos'],
          until: new Date(NOW.getTime() + 3 * DAY),
          now: NOW,
        });
        const [a2] = await listHosts(db, { q: 'mac-A2' });
        const send = (cycle: string, when: Date, slack: SlackPort) =>
          deliverDigest(
            { store, slack, log, now: () => when },
            {
              key: `${ALICE}/${cycle}`,
              email: ALICE,
              cycle,
              userId: 'U0ALICE',
              dmChannelId: 'D1',
              message: {
                text: 'Updates needed',
                blocks: [],
                metadata: {
                  event_type: 'patchbay_digest',
                  event_payload: { key: `${ALICE}/${cycle}`, person: ALICE, cycle },
                },
                actions: [],
              },
              items: 3,
              maxDaysOverdue: 5,
            },
          );
        await send('2026-W33', at(14), accepting);
        await send('2026-W34', at(7), refusing('channel_not_found', false));
        // Dave's digest was rate limited yesterday and waits for the next run.
        await deliverDigest(
          { store, slack: refusing('ratelimited', true), log, now: () => at(1) },
          {
            key: `${DAVE}/2026-W35`,
            email: DAVE,
            cycle: '2026-W35',
            userId: 'U0DAVE',
            dmChannelId: 'D4',
            message: {
              text: 'Updates needed',
              blocks: [],
              metadata: {
                event_type: 'patchbay_digest',
                event_payload: { key: `${DAVE}/2026-W35`, person: DAVE, cycle: '2026-W35' },
              },
              actions: [],
            },
            items: 1,
            maxDaysOverdue: 0,
          },
        );
        await store.snooze({
          email: ALICE,
          hostId: a2!.id,
          products: ['chrome'],
          until: at(3),
          now: at(6),
        });
        await store.claimUpdated({ email: ALICE, hostId: a2!.id, cycle: '2026-W34', now: at(5) });
        const [claim] = await store.openClaims();
        await store.resolveClaim(claim!.id, at(4), 'confirmed');
        await store.savePerson({ email: ALICE, slack_user_id: 'U0ALICE', dm_channel_id: 'D1' });
        // Erin was looked up: Slack has no account with her email.
        await store.savePerson({
          email: UNKNOWN_TO_SLACK,
          slack_error: 'users_not_found',
          looked_up_at: at(2).toISOString(),
        });
      },
    });
    client = new Client(kit.app);
    await setUp(client, (await ensureSetupCode(kit.ctx.db, NOW))!);
  });
  afterAll(() => kit.close());

  it('lists DMs with their outcome, a failure with what to do, a snooze and a claim, newest first', async () => {
    const res = await client.get('/people/alice%40example.com');
    expect(res.statusCode).toBe(200);
    const h = historyOf(res.body);
    expect(h).toHaveLength(4);
    expect(h[0]).toMatch(
      /^2026-08-20 12:00 UTC · “I updated” mac-A2 · confirmed by inventory 2026-08-21/,
    );
    expect(h[1]).toMatch(
      /^2026-08-19 12:00 UTC · snoozed Google Chrome on mac-A2 until 2026-08-22/,
    );
    expect(h[2]).toMatch(
      /^2026-08-18 12:00 UTC · DM for 2026-W34 · 3 updates \(up to 5 days overdue\) · not delivered/,
    );
    expect(h[2]).toContain('channel_not_found · Slack has no DM with them for this app');
    expect(h[3]).toMatch(/^2026-08-11 12:00 UTC · DM for 2026-W33 · 3 updates .* · delivered$/);
  });

  it('says a rate-limited digest waits for the next run, not that it was retried', async () => {
    const h = historyOf((await client.get(`/people/${encodeURIComponent(DAVE)}`)).body);
    expect(h).toHaveLength(1);
    expect(h[0]).toMatch(
      /^2026-08-24 12:00 UTC · DM for 2026-W35 · 1 update · waiting for the next run/,
    );
    expect(h[0]).toContain(
      'ratelimited (kept to send again on the next run) · Slack asked us to slow down',
    );
    expect(h[0]).not.toContain('(retried)');
  });

  it('says what to do when Slack has no account for the email', async () => {
    const res = await client.get(`/people/${encodeURIComponent(UNKNOWN_TO_SLACK)}`);
    expect(historyOf(res.body)).toEqual([
      "2026-08-23 12:00 UTC · Slack look-up: users_not_found · No Slack account has this email: check the owner's email in Jamf/Fleet (or the inventory file), or give their Slack account this email.",
    ]);
    // Her digest is still previewed, with why it would not reach her.
    expect(decode(res.body)).toContain('Would not reach them: users_not_found: No Slack account');
  });

  it('previews the digest exactly as remind --dry-run --person prints it', async () => {
    const res = await client.get('/people/alice%40example.com');
    const pre = /<pre id="digest-preview">([\s\S]*?)<\/pre>/.exec(res.body)?.[1];
    expect(pre).toBeDefined();
    const preview = decode(pre!);
    expect(preview).toContain('│ UPDATES NEEDED ON YOUR 2 COMPUTERS');
    const out = captureIo();
    await runRemind(kit.ctx, out, { dryRun: true, person: ALICE });
    expect(out.text()).toContain(`── to ${ALICE}`);
    expect(out.text()).toContain(`${preview}\n`);
    expect(res.body).toContain('href="/people/alice%40example.com/digest.json"');
  });

  it('says when a person has nothing to hear, and that a person never looked up is unknown to Slack', async () => {
    const carol = await client.get('/people/carol%40example.com');
    expect(carol.body).not.toContain('id="digest-preview"');
    expect(carol.body).toMatch(/<p id="digest-none">Nothing to tell them/);
    expect(carol.body).toContain('No reminder, snooze or “I updated” in the last 90 days.');
    const bob = await previewDigest(withSlackToken(kit), 'bob@example.com', NOW);
    expect(bob.kind === 'digest' && bob.unreachable).toContain('Not looked up in Slack yet');
  });

  it('says a person whose updates are all snoozed has them snoozed, not that nothing is due', async () => {
    const gina = decode((await client.get(`/people/${encodeURIComponent(GINA)}`)).body);
    expect(gina).not.toContain('id="digest-preview"');
    expect(gina).toContain(
      '<p id="digest-none">Nothing to tell them now: 1 pending update of theirs is snoozed (see Reminders)',
    );
    expect(gina).not.toContain('due within 7 days');
    expect(gina).toMatch(/snoozed macOS on <a [^>]*>mac-G1<\/a>\s+until 2026-08-28 12:00 UTC/);
    // `remind --dry-run --person` says the same, not "nothing due within 7 days".
    const out = captureIo();
    await runRemind(kit.ctx, out, { dryRun: true, person: GINA });
    expect(out.text()).toContain(
      `Nothing to tell ${GINA} now: 1 pending update of theirs is snoozed`,
    );
    expect(out.text()).not.toContain('due within 7 days');
  });

  it('says no DM goes out while Slack is not configured, not that the next run looks them up', async () => {
    // The kit sets no slack.token: the reminders job then sends nothing and looks nobody up.
    const bob = decode((await client.get('/people/bob%40example.com')).body);
    expect(bob).toContain('Would not reach them: Slack is not configured (slack.token)');
    expect(bob).not.toContain('the next reminder run looks them up');
  });

  it('follows the control group: a held-back person is previewed with only the fixes that still reach them', async () => {
    // A salt that puts alice in a half-share group (found by trying salts in order).
    let salt = 0;
    while (!inControlGroup(ALICE, 0.5, `salt-${salt}`)) salt++;
    const { config } = kit.ctx.loaded;
    const ctx = {
      ...kit.ctx,
      loaded: {
        ...kit.ctx.loaded,
        config: {
          ...config,
          reminders: { ...config.reminders, controlGroup: 0.5, controlGroupSalt: `salt-${salt}` },
        },
      },
    };
    const held = await previewDigest(ctx, ALICE, NOW);
    expect(held.kind).toBe('digest');
    const text = held.kind === 'digest' ? held.text : '';
    // Her exploited macOS fix still reaches her; Chrome and the other macOS update do not.
    expect(text).toContain('15.7.8 → 15.7.9');
    expect(text).not.toContain('Google Chrome');
    expect(text).not.toContain('26.6.1 → 26.6.2');
  });

  it('mounts the digest JSON in the signed-in dashboard, never for a visitor', async () => {
    const signedIn = await client.get('/people/alice%40example.com/digest.json');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json<{ blocks: unknown[] }>().blocks.length).toBeGreaterThan(0);
    const visitor = await new Client(kit.app).get('/people/alice%40example.com/digest.json');
    expect(visitor.statusCode).not.toBe(200);
    expect(visitor.body).not.toContain('blocks');
  });

  it('serves the previewed digest as Block Kit JSON, or a 404 saying why there is none', async () => {
    const app = Fastify({ logger: false });
    personRoutes(app, kit.ctx);
    await app.ready();
    try {
      const out = captureIo();
      await runRemind(kit.ctx, out, { dryRun: true, person: ALICE, json: true });
      const summary = JSON.parse(out.text()) as { people: { message: { blocks: unknown[] } }[] };
      const res = await app.inject({ url: '/people/alice%40example.com/digest.json' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ blocks: summary.people[0]!.message.blocks });
      const none = await app.inject({ url: '/people/carol%40example.com/digest.json' });
      expect(none.statusCode).toBe(404);
      expect(none.json()).toMatchObject({ error: { code: 'E_NOT_FOUND' } });
      // An email nobody owns a host with is unknown, not a person with nothing to hear.
      const nobody = await app.inject({ url: '/people/nobody%40example.com/digest.json' });
      expect(nobody.statusCode).toBe(404);
      expect(nobody.json()).toEqual({
        error: { code: 'E_NOT_FOUND', message: 'Nobody with that email owns a host.' },
      });
    } finally {
      await app.close();
    }
  });
});
