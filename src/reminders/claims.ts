import type { FindingsView } from '../compliance/service.js';
import type { Logger } from '../platform/log/logger.js';
import type { SlackPort } from './slack-port.js';
import type { ReminderStore } from './store.js';

/** An "I updated" that inventory never confirms is dropped after this long. */
const CLAIM_TTL_MS = 14 * 86_400_000;

/**
 * Follow up on "I updated" clicks: once inventory shows the host with nothing overdue or pending,
 * thank the person (one DM) and close the claim. Run after each inventory sync and cycle.
 */
export async function followUpClaims(
  deps: { store: ReminderStore; slack: SlackPort; log: Logger; now: Date },
  view: FindingsView,
): Promise<{ thanked: number; expired: number }> {
  let thanked = 0;
  let expired = 0;
  const claims = await deps.store.openClaims();
  if (claims.length === 0) return { thanked, expired };
  const people = await deps.store.people([...new Set(claims.map((c) => c.email))]);
  for (const claim of claims) {
    const open = view.findings.filter(
      (f) => f.hostId === claim.host_id && ['overdue', 'pending', 'unsupported'].includes(f.status),
    );
    if (open.length > 0) {
      if (deps.now.getTime() - Date.parse(claim.claimed_at) > CLAIM_TTL_MS) {
        await deps.store.resolveClaim(claim.id, deps.now, 'expired');
        expired++;
      }
      continue;
    }
    const channel = people.get(claim.email)?.dmChannelId;
    const name = view.hosts.get(claim.host_id)?.name ?? 'your computer';
    if (channel) {
      const res = await deps.slack.postMessage({
        channel,
        text: `Thanks! ${name} is up to date now.`,
      });
      if (res.status !== 'sent')
        deps.log.warn(
          { email: claim.email, error: 'error' in res ? res.error : '' },
          'Thank-you not delivered',
        );
    }
    await deps.store.resolveClaim(claim.id, deps.now, 'confirmed');
    thanked++;
  }
  return { thanked, expired };
}
