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
  readonly channel: string;
  readonly message: DigestMessage;
  readonly items: number;
  readonly maxDaysOverdue: number;
}

/**
 * Deliver one digest through the outbox so that it arrives exactly once:
 * 1. the digest is written (keyed by person + cycle) before anything is sent;
 * 2. `sending` is recorded before the call leaves;
 * 3. a row still `sending` on a later run (a crash, a lost answer) is looked up in the DM's
 *    history by its key before any resend; if history cannot be read, nothing is resent.
 */
export async function deliverDigest(
  deps: { store: ReminderStore; slack: SlackPort; log: Logger; now: () => Date },
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
    const found = await lookUp(deps, row, req.channel);
    if (found === 'unreadable')
      return { outcome: 'unknown', error: 'history could not be read; not resending' };
    if (found) {
      await deps.store.markSent(req.key, found.channel, found.ts, deps.now());
      return { outcome: 'recovered' };
    }
  }
  // What is sent is what was stored: a resend after a crash is the same message, same key.
  await deps.store.markSending(req.key, req.channel, deps.now());
  const res = await deps.slack.postMessage({
    channel: req.channel,
    text: row.text,
    blocks: JSON.parse(row.blocks) as Record<string, unknown>[],
    metadata: JSON.parse(row.metadata) as DigestMessage['metadata'],
  });
  switch (res.status) {
    case 'sent':
      await deps.store.markSent(req.key, res.channel, res.ts, deps.now());
      return { outcome: 'sent' };
    case 'failed':
      if (res.retryable) await deps.store.markRetry(req.key, res.error, deps.now());
      else await deps.store.markFailed(req.key, res.error, deps.now());
      return { outcome: res.retryable ? 'retry-later' : 'failed', error: res.error };
    case 'unknown': {
      // The answer was lost: look now; if it is not there yet, the row stays `sending` for next time.
      const found = await lookUp(deps, { ...row, status: 'sending' }, req.channel);
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
  deps: { slack: SlackPort; log: Logger },
  row: OutboxRow,
  channel: string,
): Promise<{ ts: string; channel: string } | null | 'unreadable'> {
  // A minute of slack before the row was written covers clock skew between us and Slack.
  const oldest = ((Date.parse(row.created_at) - 60_000) / 1000).toFixed(6);
  try {
    return await deps.slack.findMessageByMetadata(
      row.channel_id ?? channel,
      'patchbay_digest',
      row.idempotency_key,
      oldest,
    );
  } catch (err) {
    deps.log.warn({ email: row.email, err: (err as Error).message }, 'Could not read DM history');
    return 'unreadable';
  }
}
