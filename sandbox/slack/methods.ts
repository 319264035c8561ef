import { bool, messageJson, str, userJson, type Args } from './wire.js';
import type { MessageMetadata, Workspace } from './workspace.js';

/** Errors tests pin on an email (lookups) or a user (users.info, DMs, posts to their DM). */
export interface InjectedErrors {
  readonly byEmail: ReadonlyMap<string, string>;
  readonly byUser: ReadonlyMap<string, string>;
}

export interface MethodContext {
  readonly ws: Workspace;
  readonly nowMs: number;
  readonly injected: InjectedErrors;
}

/** A Web API answer body; Slack sends it with HTTP 200 whether ok or not. */
export type Envelope = Record<string, unknown>;
type Handler = (args: Args, ctx: MethodContext) => Envelope;

const fail = (error: string): Envelope => ({ ok: false, error });
const encodeCursor = (s: string): string => Buffer.from(s).toString('base64');
const decodeCursor = (c: string): string => Buffer.from(c, 'base64').toString('utf8');

/** Slack's paging: `limit` capped at 1000; 0 or absent means Slack's own page size. */
function pageLimit(args: Args, fallback: number): number {
  const n = Number(str(args, 'limit') ?? 0);
  return Number.isFinite(n) && n > 0 ? Math.min(Math.floor(n), 1000) : fallback;
}

const handlers: Record<string, Handler> = {
  'auth.test': (_args, { ws }) => ({
    ok: true,
    url: 'https://patchbay-sandbox.slack.com/',
    team: 'Patchbay Sandbox',
    user: 'patchbay',
    team_id: ws.teamId,
    user_id: ws.botUserId,
    bot_id: 'B0PATCHBAY',
  }),

  'users.lookupByEmail': (args, { ws, injected }) => {
    const email = str(args, 'email');
    if (!email) return fail('invalid_arguments');
    const forced = injected.byEmail.get(email.toLowerCase());
    if (forced) return fail(forced);
    const user = ws.userByEmail(email);
    // Deactivated accounts are not found by email (they stay visible in users.list).
    if (!user || user.deleted) return fail('users_not_found');
    return { ok: true, user: userJson(user, ws.teamId) };
  },

  'users.info': (args, { ws, injected }) => {
    const id = str(args, 'user');
    if (!id) return fail('user_not_found');
    const forced = injected.byUser.get(id);
    if (forced) return fail(forced);
    const user = ws.user(id);
    return user ? { ok: true, user: userJson(user, ws.teamId) } : fail('user_not_found');
  },

  'users.list': (args, { ws, nowMs }) => {
    const all = ws.allUsers();
    const cursor = str(args, 'cursor');
    let start = 0;
    if (cursor) {
      const after = decodeCursor(cursor);
      start = all.findIndex((u) => `user:${u.id}` === after);
      if (start < 0) return fail('invalid_cursor');
    }
    const page = all.slice(start, start + pageLimit(args, 1000));
    const next = all[start + page.length];
    return {
      ok: true,
      members: page.map((u) => userJson(u, ws.teamId)),
      cache_ts: Math.floor(nowMs / 1000),
      response_metadata: { next_cursor: next ? encodeCursor(`user:${next.id}`) : '' },
    };
  },

  'conversations.open': (args, { ws, injected }) => {
    const users = str(args, 'users')?.split(',') ?? [];
    if (users.length === 0) return fail('users_list_not_supplied');
    if (users.length > 1) return fail('not_implemented');
    const id = users[0] ?? '';
    const forced = injected.byUser.get(id);
    if (forced) return fail(forced);
    const user = ws.user(id);
    if (!user) return fail('user_not_found');
    if (user.deleted) return fail('user_disabled');
    if (user.isBot) return fail('cannot_dm_bot');
    const dm = ws.openDm(id);
    return {
      ok: true,
      no_op: dm.alreadyOpen,
      already_open: dm.alreadyOpen,
      channel: { id: dm.id },
    };
  },

  'chat.postMessage': (args, { ws, nowMs, injected }) => {
    const target = str(args, 'channel');
    if (!target) return fail('channel_not_found');
    // Posting to a user id goes to the app's DM with that user, as on Slack.
    const channel = ws.user(target) ? ws.openDm(target).id : target;
    const member = ws.memberOf(channel);
    if (member === undefined) return fail('channel_not_found');
    const forced = member ? injected.byUser.get(member) : undefined;
    if (forced) return fail(forced);
    const text = str(args, 'text') ?? null;
    const blocks =
      Array.isArray(args['blocks']) && args['blocks'].length > 0 ? args['blocks'] : null;
    if (!text && !blocks) return fail('no_text');
    if (args['blocks'] !== undefined && !Array.isArray(args['blocks']))
      return fail('invalid_blocks');
    const metadata = parseMetadata(args['metadata']);
    if (metadata === 'invalid') return fail('invalid_metadata_format');
    const m = ws.post(channel, nowMs, { text, blocks, metadata });
    return { ok: true, channel, ts: m.ts, message: messageJson(m, ws.botUserId, false) };
  },

  'conversations.history': (args, { ws }) => {
    const channel = str(args, 'channel');
    if (!channel || ws.memberOf(channel) === undefined) return fail('channel_not_found');
    const oldest = Number(str(args, 'oldest') ?? 0);
    const latest = Number(str(args, 'latest') ?? Infinity);
    const inclusive = bool(args, 'inclusive');
    const inRange = (ts: number): boolean =>
      (inclusive ? ts >= oldest : ts > oldest) && (inclusive ? ts <= latest : ts < latest);
    const newestFirst = ws.messages
      .filter((m) => m.channel === channel && inRange(Number(m.ts)))
      .reverse();
    const cursor = str(args, 'cursor');
    const start = cursor ? Number(decodeCursor(cursor).replace('next_ts:', '')) : 0;
    if (!Number.isInteger(start) || start < 0) return fail('invalid_cursor');
    const page = newestFirst.slice(start, start + pageLimit(args, 100));
    const more = start + page.length < newestFirst.length;
    const withMetadata = bool(args, 'include_all_metadata');
    return {
      ok: true,
      messages: page.map((m) => messageJson(m, ws.botUserId, withMetadata)),
      has_more: more,
      pin_count: 0,
      response_metadata: {
        next_cursor: more ? encodeCursor(`next_ts:${start + page.length}`) : '',
      },
    };
  },
};

/** Slack wants `{event_type, event_payload}`; anything else is refused. */
function parseMetadata(raw: unknown): MessageMetadata | null | 'invalid' {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'object') return 'invalid';
  const { event_type, event_payload } = raw as Record<string, unknown>;
  if (
    typeof event_type !== 'string' ||
    typeof event_payload !== 'object' ||
    event_payload === null
  ) {
    return 'invalid';
  }
  return { event_type, event_payload: event_payload as Record<string, unknown> };
}

/** Methods the stand-in speaks. */
export const STAND_IN_METHODS: readonly string[] = Object.keys(handlers);

export function handleMethod(method: string, args: Args, ctx: MethodContext): Envelope | null {
  const handler = handlers[method];
  return handler ? handler(args, ctx) : null;
}
