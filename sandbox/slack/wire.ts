import type { SeedUser, StoredMessage } from './workspace.js';

/** Arguments of one call, whatever way they came (query string, form or JSON body). */
export type Args = Readonly<Record<string, unknown>>;

/** A parsed request; `token` only from a form or the query: Slack ignores it in a JSON body. */
export interface ParsedCall {
  readonly args: Args;
  readonly bodyToken: string | null;
  readonly malformed: boolean;
}

/** Fields that arrive JSON-encoded inside a form, as @slack/web-api and curl users send them. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

/** Parses a Web API request like Slack: form-encoded or JSON bodies, plus the query string. */
export function parseCall(query: URLSearchParams, contentType: string, body: string): ParsedCall {
  const args: Record<string, unknown> = Object.fromEntries(query);
  let bodyToken = query.get('token');
  if (contentType.startsWith('application/json')) {
    try {
      const json: unknown = body ? JSON.parse(body) : {};
      if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        return { args, bodyToken, malformed: true };
      }
      Object.assign(args, json);
    } catch {
      return { args, bodyToken, malformed: true };
    }
  } else if (body) {
    const form = new URLSearchParams(body);
    for (const [key, value] of form) {
      if (!JSON_FIELDS.has(key)) {
        args[key] = value;
        continue;
      }
      try {
        args[key] = JSON.parse(value);
      } catch {
        args[key] = value;
      }
    }
    bodyToken = form.get('token') ?? bodyToken;
  }
  delete args['token'];
  return { args, bodyToken, malformed: false };
}

/** A string argument, or undefined when absent or empty. */
export function str(args: Args, key: string): string | undefined {
  const v = args[key];
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Slack's boolean arguments: true, "true" or "1". */
export function bool(args: Args, key: string): boolean {
  const v = args[key];
  return v === true || v === 'true' || v === '1' || v === 1;
}

/** A user object in Slack's shape (the fields apps read most, others left out). */
export function userJson(u: SeedUser, teamId: string): Record<string, unknown> {
  return {
    id: u.id,
    team_id: teamId,
    name: u.name,
    deleted: u.deleted ?? false,
    real_name: u.name,
    ...(u.isBot || u.tz === null
      ? {}
      : { tz: u.tz ?? 'America/Los_Angeles', tz_label: 'local', tz_offset: 0 }),
    is_bot: u.isBot ?? false,
    profile: {
      real_name: u.name,
      display_name: u.name,
      ...(u.email ? { email: u.email } : {}),
    },
  };
}

/** A message as conversations.history returns it; metadata only when asked for. */
export function messageJson(
  m: StoredMessage,
  botUserId: string,
  withMetadata: boolean,
): Record<string, unknown> {
  return {
    type: 'message',
    user: botUserId,
    bot_id: 'B0PATCHBAY',
    text: m.text ?? '',
    ts: m.ts,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}
