import { slackUserSchema, type SlackUserWire } from './schema.js';

/** A Slack user as Patchbay needs one. */
export interface SlackUser {
  readonly id: string;
  readonly name: string | null;
  /** Null for bots, or when the token lacks users:read.email. */
  readonly email: string | null;
  /** IANA zone, e.g. "Europe/Paris": digests go out in the person's working hours. */
  readonly tz: string | null;
  /** Deactivated accounts stay in users.list with `deleted: true`. */
  readonly deleted: boolean;
  readonly isBot: boolean;
}

/** A users.list member that did not parse: reported and skipped, the other members still count. */
export interface SlackUserIssue {
  readonly source: 'slack';
  readonly record: string;
  readonly field: string;
  readonly message: string;
}

export function fromWireUser(u: SlackUserWire): SlackUser {
  return {
    id: u.id,
    name: u.name ?? null,
    email: u.profile?.email ?? null,
    tz: u.tz ?? null,
    deleted: u.deleted ?? false,
    isBot: u.is_bot ?? false,
  };
}

/** Parses one users.list member on its own, naming it (`record`) when it is bad. */
export function parseSlackUser(
  raw: unknown,
  record: string,
): { user: SlackUser } | { issue: SlackUserIssue } {
  const parsed = slackUserSchema.safeParse(raw);
  if (parsed.success) return { user: fromWireUser(parsed.data) };
  const first = parsed.error.issues[0];
  const id = (raw as { id?: unknown } | null)?.id;
  return {
    issue: {
      source: 'slack',
      record: typeof id === 'string' ? id : record,
      field: first?.path.join('.') ?? '',
      message: first?.message ?? 'invalid user',
    },
  };
}
