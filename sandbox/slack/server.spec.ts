import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WORKSPACE_POSTS } from './rate-tiers.js';
import { SlackStandIn, type SeedUser } from './server.js';

const TOKEN = 'xoxb-test';
const USERS: SeedUser[] = [
  { id: 'U001', email: 'ada@example.com', name: 'ada', tz: 'Europe/Paris' },
  { id: 'U002', email: 'bob@example.com', name: 'bob', tz: 'America/New_York' },
  { id: 'U003', email: 'cy@example.com', name: 'cy', deleted: true },
  { id: 'U004', email: null, name: 'bot', isBot: true },
  { id: 'U005', email: 'eve@example.com', name: 'eve', tz: 'Asia/Tokyo' },
];

let clock: { t: number };
let slack: SlackStandIn;
let base: string;

type Body = Record<string, unknown> & { ok: boolean; error?: string };

async function call(
  method: string,
  args: Record<string, unknown> = {},
  opts: { json?: boolean; token?: string | null } = {},
): Promise<{ status: number; retryAfter: string | null; body: Body }> {
  const token = opts.token === undefined ? TOKEN : opts.token;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const form = Object.entries(args).map(([k, v]): [string, string] => [
    k,
    typeof v === 'string' ? v : JSON.stringify(v),
  ]);
  const res = await fetch(`${base}${method}`, {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': opts.json
        ? 'application/json; charset=utf-8'
        : 'application/x-www-form-urlencoded',
    },
    body: opts.json ? JSON.stringify(args) : new URLSearchParams(form).toString(),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Body,
  };
}

beforeEach(async () => {
  clock = { t: 1_700_000_000_000 };
  slack = new SlackStandIn({
    token: TOKEN,
    users: USERS,
    channels: ['C0ADMIN'],
    now: () => clock.t,
  });
  base = await slack.listen();
});
afterEach(() => slack.close());

describe('SlackStandIn auth and envelope', () => {
  it.each([
    ['no token', { token: null }, 'not_authed'],
    ['a wrong token', { token: 'xoxb-nope' }, 'invalid_auth'],
  ])('answers %s with HTTP 200 and ok:false', async (_name, opts, error) => {
    const res = await call('auth.test', {}, opts);
    expect([res.status, res.body]).toEqual([200, { ok: false, error }]);
  });

  it('accepts the token as a form field, as Slack does', async () => {
    const res = await call('auth.test', { token: TOKEN }, { token: null });
    expect(res.body).toMatchObject({ ok: true, user_id: 'U0PATCHBOT', team_id: 'T0PATCHBAY' });
  });

  it('ignores a token inside a JSON body (Slack wants the header for JSON)', async () => {
    expect(
      (await call('auth.test', { token: TOKEN }, { json: true, token: null })).body.error,
    ).toBe('not_authed');
  });

  it('answers an unknown method with 404 unknown_method', async () => {
    const res = await call('users.delete');
    expect([res.status, res.body.error]).toEqual([404, 'unknown_method']);
  });
});

describe('SlackStandIn users', () => {
  it.each([
    ['ada@example.com', { ok: true }],
    ['ADA@Example.com', { ok: true }],
    ['nobody@example.com', { ok: false, error: 'users_not_found' }],
    ['cy@example.com', { ok: false, error: 'users_not_found' }],
  ])('users.lookupByEmail %s', async (email, expected) => {
    const res = await call('users.lookupByEmail', { email });
    expect(res.body).toMatchObject(expected);
    if (res.body.ok)
      expect(res.body['user']).toMatchObject({
        id: 'U001',
        tz: 'Europe/Paris',
        profile: { email: 'ada@example.com' },
      });
  });

  it('injects users_not_found and account_inactive', async () => {
    slack.failEmail('bob@example.com');
    slack.failUser('U005');
    expect((await call('users.lookupByEmail', { email: 'bob@example.com' })).body.error).toBe(
      'users_not_found',
    );
    expect((await call('users.info', { user: 'U005' })).body.error).toBe('account_inactive');
    expect((await call('conversations.open', { users: 'U005' })).body.error).toBe(
      'account_inactive',
    );
  });

  it('pages users.list with an opaque cursor until next_cursor is empty', async () => {
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const res = await call('users.list', { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...(res.body['members'] as { id: string }[]).map((m) => m.id));
      cursor = (res.body['response_metadata'] as { next_cursor: string }).next_cursor;
      pages++;
    } while (cursor);
    expect([pages, seen]).toEqual([3, ['U001', 'U002', 'U003', 'U004', 'U005']]);
    clock.t += 60_000; // users.list is Tier 2: three pages used the burst
    expect((await call('users.list', { cursor: 'bm9wZQ==' })).body.error).toBe('invalid_cursor');
  });

  it.each([
    ['U003', 'user_disabled'],
    ['U004', 'cannot_dm_bot'],
    ['U999', 'user_not_found'],
  ])('conversations.open %s fails with %s', async (users, error) => {
    expect((await call('conversations.open', { users })).body.error).toBe(error);
  });

  it('opens the same DM twice, the second time already_open', async () => {
    const a = await call('conversations.open', { users: 'U001' });
    const b = await call('conversations.open', { users: 'U001' });
    expect(a.body).toMatchObject({ ok: true, already_open: false });
    expect(b.body).toMatchObject({ ok: true, already_open: true, channel: a.body['channel'] });
  });
});

describe('SlackStandIn messages', () => {
  const metadata = { event_type: 'patchbay_digest', event_payload: { key: 'k1' } };
  const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }];

  it.each([false, true])('stores a post with blocks and metadata (json body: %s)', async (json) => {
    const dm = (await call('conversations.open', { users: 'U001' })).body['channel'] as {
      id: string;
    };
    const res = await call(
      'chat.postMessage',
      { channel: dm.id, text: 'hi', blocks, metadata },
      { json },
    );
    expect(res.body).toMatchObject({ ok: true, channel: dm.id, ts: '1700000000.000000' });
    expect(slack.inbox({ user: 'U001' })).toEqual([
      { channel: dm.id, recipient: 'U001', ts: '1700000000.000000', text: 'hi', blocks, metadata },
    ]);
  });

  it.each([
    [{ channel: 'C0NOPE', text: 'x' }, 'channel_not_found'],
    [{ text: 'x' }, 'channel_not_found'],
    [{ channel: 'C0ADMIN' }, 'no_text'],
    [{ channel: 'C0ADMIN', text: 'x', metadata: { event_type: 1 } }, 'invalid_metadata_format'],
  ])('refuses chat.postMessage %j with %s', async (args, error) => {
    expect((await call('chat.postMessage', args)).body.error).toBe(error);
    expect(slack.inbox()).toHaveLength(0);
  });

  it('posts to a user id through their DM and lists history newest first after oldest', async () => {
    for (const text of ['one', 'two', 'three']) {
      await call('chat.postMessage', { channel: 'U002', text, metadata });
      clock.t += 2000;
    }
    const dm = slack.workspace.dmOf('U002') ?? '';
    const plain = await call('conversations.history', { channel: dm, oldest: '1700000001' });
    expect(
      (plain.body['messages'] as { text: string; metadata?: unknown }[]).map((m) => [
        m.text,
        m.metadata,
      ]),
    ).toEqual([
      ['three', undefined],
      ['two', undefined],
    ]);
    const full = await call('conversations.history', {
      channel: dm,
      include_all_metadata: true,
      limit: 1,
    });
    expect(full.body).toMatchObject({ has_more: true, messages: [{ text: 'three', metadata }] });
  });
});

describe('SlackStandIn rate limits and faults', () => {
  it('answers 429 with Retry-After past a Tier 3 burst, and recovers with time', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await call('users.lookupByEmail', { email: 'ada@example.com' })).status);
    const limited = await call('users.lookupByEmail', { email: 'ada@example.com' });
    expect([statuses, limited.status, limited.retryAfter, limited.body.error]).toEqual([
      [200, 200, 200, 200, 200, 429],
      429,
      '2',
      'ratelimited',
    ]);
    expect((await call('users.info', { user: 'U001' })).status).toBe(200);
    clock.t += 1200;
    expect((await call('users.lookupByEmail', { email: 'ada@example.com' })).status).toBe(200);
  });

  it('limits chat.postMessage per channel', async () => {
    const statuses = [];
    for (const channel of ['C0ADMIN', 'C0ADMIN', 'U001']) {
      statuses.push((await call('chat.postMessage', { channel, text: 'x' })).status);
    }
    expect(statuses).toEqual([200, 429, 200]);
  });

  it('counts a post to a user id and to their DM against the same channel', async () => {
    const first = await call('chat.postMessage', { channel: 'U002', text: 'x' });
    expect(first.body.channel).toMatch(/^D/);
    const again = await call('chat.postMessage', { channel: first.body.channel, text: 'y' });
    expect([first.status, again.status]).toEqual([200, 429]);
  });

  it('limits chat.postMessage across the workspace, refusing without spending a channel token', async () => {
    const s = new SlackStandIn({
      token: TOKEN,
      users: USERS,
      now: () => clock.t,
      limits: {
        'chat.postMessage': { perMinute: 60, burst: 1 },
        [WORKSPACE_POSTS]: { perMinute: 60, burst: 2 },
      },
    });
    base = await s.listen();
    const post = async (channel: string): Promise<number> =>
      (await call('chat.postMessage', { channel, text: 'x' })).status;
    const statuses = [await post('U001'), await post('U002'), await post('U005')];
    clock.t += 1000;
    statuses.push(await post('U005'));
    await s.close();
    expect(statuses).toEqual([200, 200, 429, 200]);
  });

  it('answers 429 to a seeded share of calls, the same share every run', async () => {
    const run = async (): Promise<number[]> => {
      const s = new SlackStandIn({
        token: TOKEN,
        users: USERS,
        limits: false,
        random429: { rate: 0.1, seed: 7 },
      });
      base = await s.listen();
      const out: number[] = [];
      for (let i = 0; i < 100; i++) out.push((await call('users.info', { user: 'U001' })).status);
      await s.close();
      return out;
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    expect(a.filter((s) => s === 429).length).toBeGreaterThan(3);
    expect(a.filter((s) => s === 429).length).toBeLessThan(25);
  });

  it.each([
    ['drop', true, 1],
    ['http-500', true, 1],
    ['drop', false, 0],
    ['http-500', false, 0],
  ] as const)('%s with after=%s stores %i message(s)', async (kind, after, stored) => {
    slack.injectFault({ method: 'chat.postMessage', kind, after });
    const res = await call('chat.postMessage', { channel: 'C0ADMIN', text: 'x' }).catch(
      () => 'dropped' as const,
    );
    expect(res === 'dropped' ? 'dropped' : res.status).toBe(kind === 'drop' ? 'dropped' : 500);
    expect(slack.inbox({ channel: 'C0ADMIN' })).toHaveLength(stored);
    expect((await call('chat.postMessage', { channel: 'C0ADMIN', text: 'y' })).status).not.toBe(
      500,
    );
  });
});
