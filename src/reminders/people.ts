import type { Logger } from '../platform/log/logger.js';
import type { SlackPort } from './slack-port.js';
import type { ReminderStore, StoredPerson } from './store.js';

/** Above this many unknown people, one paged users.list beats one lookup each (Tier 2 vs Tier 3). */
export const BULK_LOOKUP_THRESHOLD = 20;
/** How long a "not found in Slack" answer is trusted before asking again. */
const RETRY_UNKNOWN_MS = 7 * 86_400_000;

/**
 * Slack ids for these people: from the cache when known, else resolved (in bulk when many) and
 * cached. People Slack does not know keep their error, listed in the admin summary.
 */
export async function resolvePeople(
  deps: { store: ReminderStore; slack: SlackPort; log: Logger; now: Date },
  emails: readonly string[],
): Promise<Map<string, StoredPerson>> {
  const known = await deps.store.people(emails);
  const stale = (p: StoredPerson | undefined): boolean =>
    !p || (!p.slackUserId && (!p.slackError || lookedUpLongAgo(p, deps.now)));
  const unknown = emails.filter((e) => stale(known.get(e)));
  if (unknown.length === 0) return known;
  const at = deps.now.toISOString();
  if (unknown.length > BULK_LOOKUP_THRESHOLD) {
    const { users } = await deps.slack.usersList();
    const byEmail = new Map(
      users.filter((u) => u.email && !u.isBot).map((u) => [u.email?.toLowerCase() ?? '', u]),
    );
    for (const email of unknown) {
      const u = byEmail.get(email.toLowerCase());
      const error = !u ? 'users_not_found' : u.deleted ? 'account_inactive' : null;
      await deps.store.savePerson({
        email,
        slack_user_id: error ? null : (u?.id ?? null),
        tz: u?.tz ?? null,
        name: u?.name ?? null,
        slack_error: error,
        looked_up_at: at,
      });
    }
  } else {
    for (const email of unknown) {
      const res = await deps.slack.lookupByEmail(email);
      if (res.ok && !res.value.deleted) {
        await deps.store.savePerson({
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
        await deps.store.savePerson({
          email,
          slack_user_id: null,
          slack_error: error,
          looked_up_at: at,
        });
      }
    }
  }
  return deps.store.people(emails);
}

function lookedUpLongAgo(p: StoredPerson, now: Date): boolean {
  return !p.lookedUpAt || now.getTime() - Date.parse(p.lookedUpAt) > RETRY_UNKNOWN_MS;
}
