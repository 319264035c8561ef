import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackStandIn, type SlackStandInOptions } from '../../../sandbox/slack/server.js';
import { isPatchbayError } from '../../platform/errors/errors.js';
import { SlackRateLimiter, type LimiterClock, type RateLimit } from './rate-limiter.js';
import { SlackClient } from './slack-client.js';
import { SlackApiError } from './slack-errors.js';

const TOKEN = 'xoxb-client-test';
const USERS = [
  { id: 'U001', email: 'ada@example.com', name: 'ada', tz: 'Europe/Paris' },
  { id: 'U002', email: 'bob@example.com', name: 'bob', tz: 'America/New_York' },
  { id: 'U003', email: 'cy@example.com', name: 'cy', deleted: true },
  { id: 'U004', email: 'dee@example.com', name: 'dee', tz: null },
  { id: 'U005', email: 'eve@example.com', name: 'eve', tz: 'Asia/Tokyo' },
];
const META = (key: string) => ({
  event_type: 'patchbay_digest',
  event_payload: { key, person: 'p', cycle: 'c' },
});

/** One fake clock for the stand-in and the client's limiter: sleeping moves both, nobody waits. */
let clock: LimiterClock & { t: number; sleeps: number[] };
let slack: SlackStandIn | null;
let apiUrl: string;

async function start(
  options: Omit<SlackStandInOptions, 'now' | 'token'> = {},
  client: {
    limits?: Record<string, RateLimit>;
    maxRateLimitRetries?: number;
    timeoutMs?: number;
  } = {},
): Promise<{ slack: SlackStandIn; client: SlackClient }> {
  slack = new SlackStandIn({
    token: TOKEN,
    users: USERS,
    channels: ['C0ADMIN'],
    now: () => clock.t,
    ...options,
  });
  apiUrl = await slack.listen();
  const { limits, ...rest } = client;
  const limiter = new SlackRateLimiter({ clock, ...(limits ? { limits } : {}) });
  return {
    slack,
    client: new SlackClient({
      token: TOKEN,
      apiUrl,
      logger: pino({ level: 'silent' }),
      limiter,
      ...rest,
    }),
  };
}

beforeEach(() => {
  clock = {
    t: 1_700_000_000_000,
    sleeps: [],
    now: () => clock.t,
    sleep: (ms) => {
      clock.sleeps.push(ms);
      clock.t += ms;
      return Promise.resolve();
    },
  };
  slack = null;
});
afterEach(() => slack?.close());

describe('SlackClient lookups', () => {
  it('finds a user by email with their time zone', async () => {
    const { client } = await start();
    expect(await client.lookupByEmail('ada@example.com')).toEqual({
      ok: true,
      value: {
        id: 'U001',
        name: 'ada',
        email: 'ada@example.com',
        tz: 'Europe/Paris',
        deleted: false,
        isBot: false,
      },
    });
  });

  it.each([
    ['unknown email', (s: SlackStandIn) => s, 'nobody@example.com', 'users_not_found'],
    [
      'injected users_not_found',
      (s: SlackStandIn) => s.failEmail('bob@example.com'),
      'bob@example.com',
      'users_not_found',
    ],
    ['deactivated account', (s: SlackStandIn) => s, 'cy@example.com', 'users_not_found'],
  ])('returns a typed failure for %s', async (_n, setup, email, error) => {
    const { slack: s, client } = await start();
    setup(s);
    expect(await client.lookupByEmail(email)).toEqual({ ok: false, error });
  });

  it('reads tz from users.info, null when Slack has none, account_inactive as a result', async () => {
    const { slack: s, client } = await start();
    s.failUser('U005');
    const results = await Promise.all(['U002', 'U004', 'U005'].map((id) => client.usersInfo(id)));
    expect(results.map((r) => (r.ok ? r.value.tz : r.error))).toEqual([
      'America/New_York',
      null,
      'account_inactive',
    ]);
  });

  it('throws SlackApiError carrying the Slack error for workspace-wide failures', async () => {
    const { client } = await start({ token: 'xoxb-other' } as SlackStandInOptions);
    const err = await client.lookupByEmail('ada@example.com').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlackApiError);
    expect((err as SlackApiError).slackError).toBe('invalid_auth');
  });

  it('pages users.list inside Tier 2 without a single 429', async () => {
    const { slack: s, client } = await start();
    const { users, issues } = await client.usersList(1);
    expect(users.map((u) => [u.id, u.deleted])).toEqual([
      ['U001', false],
      ['U002', false],
      ['U003', true],
      ['U004', false],
      ['U005', false],
    ]);
    expect(issues).toEqual([]);
    // Burst of 3, then one every 3 s (20/min): the limiter waited, Slack never refused.
    expect(clock.sleeps).toEqual([3000, 3000]);
    expect(s.count('users.list', 429)).toBe(0);
  });

  it('opens a DM and gets the same channel again', async () => {
    const { client } = await start();
    const a = await client.openDm('U001');
    expect(a).toEqual({ ok: true, value: expect.stringMatching(/^D/) as unknown });
    expect(await client.openDm('U001')).toEqual(a);
    expect(await client.openDm('U003')).toEqual({ ok: false, error: 'user_disabled' });
  });
});

describe('SlackClient.postMessage', () => {
  async function dmOf(client: SlackClient, user: string): Promise<string> {
    const dm = await client.openDm(user);
    if (!dm.ok) throw new Error(dm.error);
    return dm.value;
  }

  it('posts with metadata, and findMessageByMetadata finds it by key only', async () => {
    const { slack: s, client } = await start();
    const channel = await dmOf(client, 'U001');
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'macOS 15.3 -> 15.4' } }];
    const sent = await client.postMessage({
      channel,
      text: 'update',
      blocks,
      metadata: META('k1'),
    });
    expect(sent).toEqual({ status: 'sent', channel, ts: '1700000000.000000' });
    expect(s.inbox({ user: 'U001' })).toMatchObject([
      { text: 'update', blocks, metadata: META('k1') },
    ]);
    expect(
      await client.findMessageByMetadata(channel, 'patchbay_digest', 'k1', '1699999000'),
    ).toEqual({ ts: '1700000000.000000', channel });
    expect(
      await client.findMessageByMetadata(channel, 'patchbay_digest', 'k2', '1699999000'),
    ).toBeNull();
    expect(
      await client.findMessageByMetadata(channel, 'other_event', 'k1', '1699999000'),
    ).toBeNull();
    expect(
      await client.findMessageByMetadata(channel, 'patchbay_digest', 'k1', '1700000001'),
    ).toBeNull();
  });

  it('honours 429 Retry-After on the recorded clock and posts exactly once', async () => {
    // The client is told it may burst; the stand-in enforces 1/s per channel and answers 429.
    const { slack: s, client } = await start(
      {},
      { limits: { postMessage: { perMinute: 6000, burst: 5 } } },
    );
    const first = await client.postMessage({
      channel: 'C0ADMIN',
      text: 'one',
      metadata: META('a'),
    });
    const second = await client.postMessage({
      channel: 'C0ADMIN',
      text: 'two',
      metadata: META('b'),
    });
    expect([first.status, second.status]).toEqual(['sent', 'sent']);
    expect(s.count('chat.postMessage', 429)).toBe(1);
    expect(clock.sleeps).toEqual([1000]);
    expect(s.inbox({ channel: 'C0ADMIN' }).map((m) => m.text)).toEqual(['one', 'two']);
  });

  it('gives up after its bound of 429s with a retryable failure, nothing posted', async () => {
    const { slack: s, client } = await start(
      { random429: { rate: 1, seed: 1, retryAfter: 30 } },
      { maxRateLimitRetries: 2 },
    );
    expect(await client.postMessage({ channel: 'C0ADMIN', text: 'x' })).toEqual({
      status: 'failed',
      error: 'ratelimited',
      retryable: true,
    });
    expect(clock.sleeps).toEqual([30_000, 30_000]);
    expect([s.count('chat.postMessage'), s.inbox().length]).toEqual([3, 0]);
  });

  it.each([
    ['drop', true, 1],
    ['http-500', true, 1],
    ['http-500', false, 0],
  ] as const)(
    'answers unknown on %s (stored: %s), and history settles it',
    async (kind, after, stored) => {
      const { slack: s, client } = await start();
      const channel = await dmOf(client, 'U002');
      s.injectFault({ method: 'chat.postMessage', kind, after });
      const res = await client.postMessage({ channel, text: 'digest', metadata: META('k-lost') });
      expect(res.status).toBe('unknown');
      const found = await client.findMessageByMetadata(channel, 'patchbay_digest', 'k-lost', '0');
      expect(found === null ? 0 : 1).toBe(stored);
      expect(s.inbox({ user: 'U002' })).toHaveLength(stored);
    },
  );

  it('answers unknown with E_HTTP_TIMEOUT when the answer never comes', async () => {
    const { slack: s, client } = await start({}, { timeoutMs: 200 });
    s.injectFault({ method: 'chat.postMessage', kind: 'hang' });
    const res = await client.postMessage({ channel: 'C0ADMIN', text: 'x', metadata: META('t') });
    expect(res).toEqual({ status: 'unknown', error: 'Slack chat.postMessage timed out' });
    expect(s.inbox({ channel: 'C0ADMIN' })).toHaveLength(1);
  });

  it.each([
    ['C0NOPE', 'channel_not_found'],
    ['U005', 'account_inactive'],
  ])('answers failed, not retryable, for Slack refusing channel %s', async (channel, error) => {
    const { slack: s, client } = await start();
    s.failUser('U005');
    expect(await client.postMessage({ channel, text: 'x' })).toEqual({
      status: 'failed',
      error,
      retryable: false,
    });
  });

  it('answers failed and retryable when nothing listens (nothing can have been posted)', async () => {
    const { slack: s, client } = await start();
    await s.close();
    slack = null;
    const res = await client.postMessage({ channel: 'C0ADMIN', text: 'x' });
    expect(res).toMatchObject({ status: 'failed', retryable: true });
  });

  it('throws a PatchbayError when history cannot be read, so the caller does not resend', async () => {
    const { slack: s, client } = await start();
    s.injectFault({ method: 'conversations.history', kind: 'http-500' });
    const err = await client
      .findMessageByMetadata('C0ADMIN', 'patchbay_digest', 'k', '0')
      .catch((e: unknown) => e);
    expect(isPatchbayError(err) && err.code).toBe('E_HTTP_STATUS');
  });

  it('delivers one message per person with 10% of calls answered 429', async () => {
    const people = Array.from({ length: 30 }, (_, i) => ({
      id: `U1${i}`,
      email: `p${i}@example.com`,
      name: `p${i}`,
    }));
    const { slack: s, client } = await start({ users: people, random429: { rate: 0.1, seed: 42 } });
    for (const p of people) {
      const found = await client.lookupByEmail(p.email);
      if (!found.ok) throw new Error(found.error);
      const dm = await dmOf(client, found.value.id);
      expect(
        (await client.postMessage({ channel: dm, text: 'hi', metadata: META(p.id) })).status,
      ).toBe('sent');
    }
    expect(s.calls.filter((c) => c.status === 429).length).toBeGreaterThan(3);
    expect(people.map((p) => s.inbox({ user: p.id }).length)).toEqual(people.map(() => 1));
  });
});
