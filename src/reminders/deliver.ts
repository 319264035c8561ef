import type { Logger } from '../platform/log/logger.js';
import type { DigestMessage } from './model.js';
import type { SlackPort } from './slack-port.js';
import type { OutboxRow, ReminderStore } from './store.js';

export type DeliveryOutcome =
  'sent' | 'already-sent' | 'recovered' | 'failed' | 'retry-later' | 'unknown';

export interface DeliveryRequest {
  readonly key: string;
  readonly email: string;
  readonly cycle: string;
  /** The person's Slack user id (U…/W…): where a digest goes while their DM's id is unknown. */
  readonly userId: string;
  /** The app's DM with them (D…) once known (people.dm_channel_id); history is read there. */
  readonly dmChannelId: string | null;
  readonly message: DigestMessage;
  readonly items: number;
  readonly maxDaysOverdue: number;
}

type DeliveryDeps = { store: ReminderStore; slack: SlackPort; log: Logger; now: () => Date };

/**
 * Deliver one digest through the outbox so that it arrives exactly once:
 * 1. the digest is written (keyed by person + cycle) before anything is sent;
 * 2. `sending` is recorded before the call leaves;
 * 3. a row still `sending` on a later run (a crash, a lost answer) is looked up in the DM's
 *    history by its key before any resend; if history cannot be read, nothing is resent.
 *
 * No conversations.open per new person: Slack posts a message addressed to a user id into the
 * app's DM with them, opening it if needed ("provide the user's ID as the `channel` value and a
 * direct message conversation will be opened if it isn't open already",
 * https://docs.slack.dev/reference/methods/chat.postMessage#dm), and answers the DM's id in
 * `channel`; that id is kept on the person, since conversations.history needs it. Only a row
 * left `sending` with no known DM id (the answer never came back) opens the DM to look.
 */
export async function deliverDigest(
  deps: DeliveryDeps,
  req: DeliveryRequest,
): Promise<{ outcome: DeliveryOutcome; error?: string }> {
  const row = await deps.store.enqueue({
    key: req.key,
    email: req.email,
    cycle: req.cycle,
    message: req.message,
    items: req.items,
    maxDaysOverdue: req.maxDaysOverdue,
    now: deps.now(),
  });
  if (row.status === 'sent') return { outcome: 'already-sent' };
  if (row.status === 'failed')
    return { outcome: 'failed', error: row.last_error ?? 'failed earlier' };
  if (row.status === 'sending') {
    const found = await lookUp(deps, row, req);
    if (found === 'unreadable')
      return { outcome: 'unknown', error: 'history could not be read; not resending' };
    if (found) {
      await deps.store.markSent(req.key, found.channel, found.ts, deps.now());
      return { outcome: 'recovered' };
    }
  }
  const target = req.dmChannelId ?? req.userId;
  // What is sent is what was stored: a resend after a crash is the same message, same key.
  await deps.store.markSending(req.key, target, deps.now());
  const res = await deps.slack.postMessage({
    channel: target,
    text: row.text,
    blocks: JSON.parse(row.blocks) as Record<string, unknown>[],
    metadata: JSON.parse(row.metadata) as DigestMessage['metadata'],
  });
  switch (res.status) {
    case 'sent':
      await deps.store.markSent(req.key, res.channel, res.ts, deps.now());
      if (res.channel !== req.dmChannelId)
        await deps.store.savePerson({ email: req.email, dm_channel_id: res.channel });
      return { outcome: 'sent' };
    case 'failed':
      // Each failed attempt is kept: the row's last_error is overwritten, and cleared on success.
      await deps.store.recordFailure({
        key: req.key,
        email: req.email,
        cycle: req.cycle,
        error: res.error,
        retryable: res.retryable,
        now: deps.now(),
      });
      if (res.retryable) await deps.store.markRetry(req.key, res.error, deps.now());
      else await deps.store.markFailed(req.key, res.error, deps.now());
      return { outcome: res.retryable ? 'retry-later' : 'failed', error: res.error };
    case 'unknown': {
      // The answer was lost: look now; if it is not there yet, the row stays `sending` for next time.
      const found = await lookUp(deps, { ...row, status: 'sending', channel_id: target }, req);
      if (found && found !== 'unreadable') {
        await deps.store.markSent(req.key, found.channel, found.ts, deps.now());
        return { outcome: 'recovered' };
      }
      deps.log.warn(
        { email: req.email, error: res.error },
        'Digest outcome unknown; will check before resending',
      );
      return { outcome: 'unknown', error: res.error };
    }
  }
}

async function lookUp(
  deps: DeliveryDeps,
  row: OutboxRow,
  req: DeliveryRequest,
): Promise<{ ts: string; channel: string } | null | 'unreadable'> {
  // A minute of slack before the row was written covers clock skew between us and Slack.
  const oldest = ((Date.parse(row.created_at) - 60_000) / 1000).toFixed(6);
  try {
    return await deps.slack.findMessageByMetadata(
      await historyChannel(deps, row.channel_id, req),
      'patchbay_digest',
      row.idempotency_key,
      oldest,
    );
  } catch (err) {
    deps.log.warn({ email: row.email, err: (err as Error).message }, 'Could not read DM history');
    return 'unreadable';
  }
}

/** Slack user ids start with U, or W on Enterprise Grid; conversations with C, G or D. */
const isUserId = (id: string): boolean => /^[UW][A-Z0-9]+$/.test(id);

/**
 * The conversation a `sending` digest would be in. History is read by conversation id, so a
 * post addressed to a user id needs their DM's id: known, or (rarely: the answer that carried it
 * was lost) asked of conversations.open, which returns the same DM every time.
 */
async function historyChannel(
  deps: DeliveryDeps,
  postedTo: string | null,
  req: DeliveryRequest,
): Promise<string> {
  if (postedTo && !isUserId(postedTo)) return postedTo;
  if (req.dmChannelId) return req.dmChannelId;
  const dm = await deps.slack.openDm(req.userId);
  if (!dm.ok) throw new Error(`conversations.open: ${dm.error}`);
  await deps.store.savePerson({ email: req.email, dm_channel_id: dm.value });
  return dm.value;
}
