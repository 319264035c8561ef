import fc from 'fast-check';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { computeSlackSignature } from '../integrations/slack/verify-request.js';
import { ACTION_TTL_DAYS, actionRefOf, digestAction } from './actions.js';
import { handleInteraction, NOTICES, type InteractionDeps } from './interactions.js';
import type { ButtonAction } from './model.js';
import { ReminderStore } from './store.js';

const SECRET = 'interaction-refs-secret';
const NOW = new Date('2026-11-27T10:00:00Z');
const DAY = 86_400_000;
const KEY = 'ada@example.com/2026-W48';
const HOOK = 'https://hooks.slack.com/actions/T1/1/abc';
const log = pino({ level: 'silent' });

const products = Array.from({ length: 80 }, (_, i) => `homebrew-cask-product-${i}-xx`);
const snooze: ButtonAction = {
  kind: 'snooze',
  hostId: 'h-ada',
  products,
  days: 3,
  cycle: '2026-W48',
};
const updated: ButtonAction = { kind: 'updated', hostId: 'h-ada', cycle: '2026-W48' };

interface Click {
  readonly action_id: string;
  readonly value?: string;
}

let nonce = 0;
/** A request as Slack signs it; each body is unique so the replay guard never mistakes two. */
function signed(payload: unknown, at: Date = NOW) {
  const ts = String(Math.floor(at.getTime() / 1000));
  const rawBody = `payload=${encodeURIComponent(JSON.stringify(payload))}&n=${nonce++}`;
  return { rawBody, timestamp: ts, signature: computeSlackSignature(SECRET, ts, rawBody) };
}
const blockActions = (actions: unknown[], user = 'U0ADA', responseUrl: unknown = HOOK) => ({
  type: 'block_actions',
  user: { id: user },
  response_url: responseUrl,
  actions,
});

describe.each(DIALECTS)('digest button references on $name', ({ open }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    const t: TestDb = await open();
    cleanups.push(() => t.cleanup());
    const store = new ReminderStore(t.db);
    let now = NOW;
    const deps: InteractionDeps = {
      store,
      signingSecret: SECRET,
      now: () => now,
      log,
      ownerOf: (h) => Promise.resolve(h === 'h-ada' ? 'ada@example.com' : null),
      emailOfSlackUser: (u) =>
        Promise.resolve(
          ({ U0ADA: 'ada@example.com', U0BOB: 'bob@example.com' } as Record<string, string>)[u] ??
            null,
        ),
    };
    await store.saveActions({
      email: 'ada@example.com',
      actions: [digestAction(KEY, snooze), digestAction(KEY, updated)],
      now: NOW,
      expiresAt: new Date(NOW.getTime() + ACTION_TTL_DAYS * DAY),
    });
    const stored = async () => ({
      snoozes: (await t.db.kysely.selectFrom('snoozes').selectAll().execute()).length,
      claims: (await t.db.kysely.selectFrom('update_claims').selectAll().execute()).length,
    });
    return { t, deps, store, stored, setNow: (d: Date) => (now = d) };
  }

  const click = (deps: InteractionDeps, actions: Click[], user?: string, url?: unknown) =>
    handleInteraction(deps, signed(blockActions(actions, user, url), deps.now()));

  it('snoozes all 80 products from a button whose value is a 22-character reference', async () => {
    const { deps, stored } = await setup();
    const ref = actionRefOf(KEY, snooze);
    expect(ref).toHaveLength(22);
    const res = await click(deps, [{ action_id: 'patchbay_snooze_3', value: ref }]);
    expect(res.status).toBe(200);
    expect(res.notice?.responseUrl).toBe(HOOK);
    expect(res.notice?.text).toMatch(
      /^Snoozed 80 updates until 2026-11-30 10:00 UTC; anything overdue is not snoozed/,
    );
    expect(await stored()).toEqual({ snoozes: 80, claims: 0 });
  });

  it.each<[string, Date, Click, string]>([
    [
      'expired',
      new Date(NOW.getTime() + (ACTION_TTL_DAYS + 1) * DAY),
      { action_id: 'patchbay_updated', value: actionRefOf(KEY, updated) },
      NOTICES.expired,
    ],
    ['unknown', NOW, { action_id: 'patchbay_updated', value: 'A'.repeat(22) }, NOTICES.unknown],
    [
      'a reference whose action_id disagrees',
      NOW,
      { action_id: 'patchbay_updated', value: actionRefOf(KEY, snooze) },
      NOTICES.unknown,
    ],
  ])(
    'answers a click on an %s button with a clear ephemeral notice and changes nothing',
    async (_n, at, c, text) => {
      const { deps, stored, setNow } = await setup();
      setNow(at);
      const res = await click(deps, [c]);
      expect(res).toEqual({ status: 200, body: '', notice: { responseUrl: HOOK, text } });
      expect(await stored()).toEqual({ snoozes: 0, claims: 0 });
    },
  );

  it('keeps buttons sent before references (the action as JSON) working', async () => {
    const { deps, stored } = await setup();
    const legacy = { ...snooze, products: ['chrome'] };
    const res = await click(deps, [
      { action_id: 'patchbay_snooze_3', value: JSON.stringify(legacy) },
    ]);
    expect(res.status).toBe(200);
    expect(await stored()).toEqual({ snoozes: 1, claims: 0 });
  });

  it('tells a person who does not own the computer, and still handles the other actions', async () => {
    const { deps, stored } = await setup();
    const bob = await click(
      deps,
      [{ action_id: 'patchbay_updated', value: actionRefOf(KEY, updated) }],
      'U0BOB',
    );
    expect(bob).toMatchObject({ status: 403, notice: { text: NOTICES.notYours } });
    const mixed = await click(deps, [
      { action_id: 'patchbay_updated' },
      { action_id: 42 },
      { action_id: 'patchbay_updated', value: JSON.stringify({ ...updated, hostId: 'h-eve' }) },
      { action_id: 'patchbay_updated', value: actionRefOf(KEY, updated) },
    ] as Click[]);
    expect(mixed.status).toBe(403);
    expect(await stored()).toEqual({ snoozes: 0, claims: 1 });
  });

  it.each([
    ['another host', 'https://evil.example/hook'],
    ['plain http', 'http://hooks.slack.com/actions/x'],
    ['a port', 'https://hooks.slack.com:8443/actions/x'],
    ['credentials', 'https://a:b@hooks.slack.com/actions/x'],
    ['not a string', 42],
    ['an origin beside the configured Slack API', 'http://127.0.0.1:4001/actions/x'],
  ])('never answers to a response_url on %s', async (_n, url) => {
    const { deps, stored } = await setup();
    const res = await click(
      { ...deps, slackApiUrl: 'http://127.0.0.1:4000/api/' },
      [{ action_id: 'patchbay_updated', value: actionRefOf(KEY, updated) }],
      'U0ADA',
      url,
    );
    expect(res).toEqual({ status: 200, body: '' });
    expect(await stored()).toEqual({ snoozes: 0, claims: 1 });
  });

  it('answers to a response_url on the configured Slack API origin (a stand-in)', async () => {
    const { deps } = await setup();
    const responseUrl = 'http://127.0.0.1:4000/actions/T1/1/abc';
    const res = await click(
      { ...deps, slackApiUrl: 'http://127.0.0.1:4000/api/' },
      [{ action_id: 'patchbay_updated', value: actionRefOf(KEY, updated) }],
      'U0ADA',
      responseUrl,
    );
    expect(res.notice?.responseUrl).toBe(responseUrl);
  });

  it('answers any signed payload with a status, never a throw, and acts only for the owner', async () => {
    const { deps, t } = await setup();
    const value = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom(actionRefOf(KEY, snooze), actionRefOf(KEY, updated), 'A'.repeat(22)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.constant(JSON.stringify({ ...updated, hostId: 'h-eve' })),
    );
    const action = fc.oneof(
      fc.record({
        action_id: fc.oneof(fc.constantFrom('patchbay_updated', 'patchbay_snooze_3'), fc.string()),
        value: fc.option(value, { nil: undefined }),
      }),
      fc.anything(),
    );
    const payload = fc.oneof(
      fc.record({
        type: fc.constantFrom('block_actions', 'view_submission'),
        user: fc.oneof(
          fc.record({ id: fc.constantFrom('U0ADA', 'U0BOB', 'U0NOBODY', '') }),
          fc.anything(),
        ),
        response_url: fc.oneof(fc.constant(HOOK), fc.webUrl(), fc.anything()),
        actions: fc.oneof(fc.array(action, { maxLength: 30 }), fc.anything()),
      }),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (p) => {
        const res = await handleInteraction(deps, signed(p));
        expect([200, 400, 403]).toContain(res.status);
        if (res.notice) expect(res.notice.responseUrl).toBe(HOOK);
      }),
      { numRuns: 150 },
    );
    // Only Ada's own host was ever acted on.
    const hosts = await t.db.kysely
      .selectFrom('update_claims')
      .select(['host_id', 'email'])
      .execute();
    for (const h of hosts) expect(h).toEqual({ host_id: 'h-ada', email: 'ada@example.com' });
  });

  it('refuses a body that is not a form with a payload with 400, never a throw', async () => {
    const { deps } = await setup();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 500 }), async (body) => {
        const ts = String(Math.floor(NOW.getTime() / 1000));
        const rawBody = `${body}&n=${nonce++}`;
        const res = await handleInteraction(deps, {
          rawBody,
          timestamp: ts,
          signature: computeSlackSignature(SECRET, ts, rawBody),
        });
        expect([200, 400]).toContain(res.status);
      }),
      { numRuns: 100 },
    );
  });
});
