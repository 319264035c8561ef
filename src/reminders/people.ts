import type { Logger } from '../platform/log/logger.js';
import type { SlackPort } from './slack-port.js';
import type { ReminderStore, StoredPerson } from './store.js';

/** Above this many unknown people, one paged users.list beats one lookup each (Tier 2 vs Tier 3). */
export const BULK_LOOKUP_THRESHOLD = 20;
/** How long a "not found in Slack" answer is trusted before asking again. */
const RETRY_UNKNOWN_MS = 7 * 86_400_000;

type PeopleDeps = { store: ReminderStore; slack: SlackPort; log: Logger; now: Date };

/** What Slack said about one person, as a `people` row (fields Slack did not answer are left out). */
interface LookedUp {
  readonly email: string;
  readonly slack_user_id: string | null;
  readonly tz?: string | null;
  readonly name?: string | null;
  readonly slack_error: string | null;
  readonly looked_up_at: string;
}

/**
 * Slack ids for these people: from the cache when known, else resolved (in bulk when many) and
 * cached. People Slack does not know keep their error, listed in the admin summary.
 */
export async function resolvePeople(
  deps: PeopleDeps,
  emails: readonly string[],
): Promise<Map<string, StoredPerson>> {
  const known = await deps.store.people(emails);
  const unknown = emails.filter((e) => stale(known.get(e), deps.now));
  if (unknown.length === 0) return known;
  for (const row of await lookUp(deps, unknown)) await deps.store.savePerson(row);
  return deps.store.people(emails);
}

/**
 * What `resolvePeople` would find, without writing it down: a dry run asks Slack about the
 * people it does not know yet (so it can say who cannot be reached) and stores nothing.
 */
export async function previewPeople(
  deps: PeopleDeps,
  emails: readonly string[],
): Promise<Map<string, StoredPerson>> {
  const known = await deps.store.people(emails);
  const unknown = emails.filter((e) => stale(known.get(e), deps.now));
  const out = new Map(known);
  for (const row of unknown.length > 0 ? await lookUp(deps, unknown) : []) {
    const before = known.get(row.email);
    out.set(row.email, {
      email: row.email,
      name: row.name ?? before?.name ?? null,
      slackUserId: row.slack_user_id,
      tz: row.tz ?? before?.tz ?? null,
      dmChannelId: before?.dmChannelId ?? null,
      slackError: row.slack_error,
      lookedUpAt: row.looked_up_at,
    });
  }
  return out;
}

async function lookUp(deps: PeopleDeps, unknown: readonly string[]): Promise<LookedUp[]> {
  const at = deps.now.toISOString();
  if (unknown.length > BULK_LOOKUP_THRESHOLD) {
    const { users } = await deps.slack.usersList();
    const byEmail = new Map(
      users.filter((u) => u.email && !u.isBot).map((u) => [u.email?.toLowerCase() ?? '', u]),
    );
    return unknown.map((email) => {
      const u = byEmail.get(email.toLowerCase());
      const error = !u ? 'users_not_found' : u.deleted ? 'account_inactive' : null;
      return {
        email,
        slack_user_id: error ? null : (u?.id ?? null),
        tz: u?.tz ?? null,
        name: u?.name ?? null,
        slack_error: error,
        looked_up_at: at,
      };
    });
  }
  const rows: LookedUp[] = [];
  for (const email of unknown) {
    const res = await deps.slack.lookupByEmail(email);
    if (res.ok && !res.value.deleted) {
      rows.push({
        email,
        slack_user_id: res.value.id,
        tz: res.value.tz,
        name: res.value.name,
        slack_error: null,
        looked_up_at: at,
      });
    } else {
      const error = res.ok ? 'account_inactive' : res.error;
      deps.log.warn({ email, error }, 'Slack does not know this person');
      rows.push({ email, slack_user_id: null, slack_error: error, looked_up_at: at });
    }
  }
  return rows;
}

const stale = (p: StoredPerson | undefined, now: Date): boolean =>
  !p || (!p.slackUserId && (!p.slackError || lookedUpLongAgo(p, now)));

function lookedUpLongAgo(p: StoredPerson, now: Date): boolean {
  return !p.lookedUpAt || now.getTime() - Date.parse(p.lookedUpAt) > RETRY_UNKNOWN_MS;
}

/**
 * Why a digest cannot reach this person, in words an admin can act on, or null when it can (or
 * cannot be told: `checked` is false when Slack is not configured and nobody was looked up; only
 * what an earlier run learned is reported then, and the preview says Slack was not asked).
 */
export function unreachableReason(p: StoredPerson | undefined, checked: boolean): string | null {
  if (p?.slackUserId) return null;
  if (!checked && !p?.slackError) return null;
  switch (p?.slackError ?? null) {
    case null:
      return 'not looked up in Slack yet';
    case 'users_not_found':
      return 'users_not_found: no Slack account has this email; fix the owner in inventory or the email in Slack';
    case 'account_inactive':
      return 'account_inactive: the Slack account is deactivated; give the computer a new owner';
    default:
      return `Slack answered ${p?.slackError ?? ''}`;
  }
}
