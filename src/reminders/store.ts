import type { Kysely, Selectable } from 'kysely';
import type { Db } from '../platform/db/db.js';
import type { Database } from '../platform/db/schema.js';
import { decodeActionJson } from './actions.js';
import type { ButtonAction, DigestAction, DigestMessage, Person } from './model.js';
import type { ClaimOutcome, DigestsTable, PeopleTable } from './tables.js';

export interface StoredPerson extends Person {
  readonly dmChannelId: string | null;
  readonly slackError: string | null;
  readonly lookedUpAt: string | null;
}

export type OutboxRow = Selectable<DigestsTable>;

/** The reminders' SQL: people cache, outbox, snoozes, claims, and the Slack replay guard. */
export class ReminderStore {
  constructor(private readonly db: Db) {}

  private get k(): Kysely<Database> {
    return this.db.kysely;
  }

  async people(emails: readonly string[]): Promise<Map<string, StoredPerson>> {
    const out = new Map<string, StoredPerson>();
    for (let i = 0; i < emails.length; i += 400) {
      const rows = await this.k
        .selectFrom('people')
        .selectAll()
        .where('email', 'in', emails.slice(i, i + 400))
        .execute();
      for (const r of rows) out.set(r.email, toPerson(r));
    }
    return out;
  }

  async savePerson(p: Partial<Omit<PeopleTable, 'email'>> & { email: string }): Promise<void> {
    const { email, ...rest } = p;
    await this.k
      .insertInto('people')
      .values({
        email,
        name: null,
        slack_user_id: null,
        dm_channel_id: null,
        tz: null,
        slack_error: null,
        looked_up_at: null,
        ...rest,
      })
      .onConflict((oc) => oc.column('email').doUpdateSet(rest))
      .execute();
  }

  /** Write the digest before sending it; an existing row for the key (a re-run) is returned as is. */
  async enqueue(input: {
    key: string;
    email: string;
    cycle: string;
    message: DigestMessage;
    items: number;
    maxDaysOverdue: number;
    now: Date;
  }): Promise<OutboxRow> {
    const at = input.now.toISOString();
    await this.k
      .insertInto('digests')
      .values({
        idempotency_key: input.key,
        email: input.email,
        cycle: input.cycle,
        status: 'pending',
        channel_id: null,
        ts: null,
        text: input.message.text,
        blocks: JSON.stringify(input.message.blocks),
        metadata: JSON.stringify(input.message.metadata),
        items: input.items,
        max_days_overdue: input.maxDaysOverdue,
        attempts: 0,
        last_error: null,
        created_at: at,
        updated_at: at,
        sent_at: null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
    return this.k
      .selectFrom('digests')
      .selectAll()
      .where('idempotency_key', '=', input.key)
      .executeTakeFirstOrThrow();
  }

  /** Mark the attempt before the call leaves: a crash after this point leaves `sending` = unknown. */
  async markSending(key: string, channelId: string, now: Date): Promise<void> {
    await this.k
      .updateTable('digests')
      .set((eb) => ({
        status: 'sending',
        channel_id: channelId,
        attempts: eb('attempts', '+', 1),
        updated_at: now.toISOString(),
      }))
      .where('idempotency_key', '=', key)
      .execute();
  }

  async markSent(key: string, channelId: string, ts: string, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.k
      .updateTable('digests')
      .set({
        status: 'sent',
        channel_id: channelId,
        ts,
        sent_at: at,
        updated_at: at,
        last_error: null,
      })
      .where('idempotency_key', '=', key)
      .execute();
  }

  async markFailed(key: string, error: string, now: Date): Promise<void> {
    await this.k
      .updateTable('digests')
      .set({ status: 'failed', last_error: error, updated_at: now.toISOString() })
      .where('idempotency_key', '=', key)
      .execute();
  }

  /**
   * Keep one failed post with its time and Slack error code: markFailed/markRetry keep only the
   * digest's last error, and a later successful retry clears it. The person page lists these.
   */
  async recordFailure(input: {
    key: string;
    email: string;
    cycle: string;
    error: string;
    retryable: boolean;
    now: Date;
  }): Promise<void> {
    await this.k
      .insertInto('digest_failures')
      .values({
        idempotency_key: input.key,
        email: input.email,
        cycle: input.cycle,
        // Slack error codes are short; anything else (a thrown message) is cut to the column.
        error: input.error.slice(0, 200),
        retryable: input.retryable ? 1 : 0,
        failed_at: input.now.toISOString(),
      })
      .execute();
  }

  /** Back to pending after a transient failure, so the next run tries again. */
  async markRetry(key: string, error: string, now: Date): Promise<void> {
    await this.k
      .updateTable('digests')
      .set({ status: 'pending', last_error: error, updated_at: now.toISOString() })
      .where('idempotency_key', '=', key)
      .execute();
  }

  async digestsOf(cycle: string): Promise<OutboxRow[]> {
    return this.k
      .selectFrom('digests')
      .selectAll()
      .where('cycle', '=', cycle)
      .orderBy('email')
      .execute();
  }

  /** When each person was last sent a digest, for the schedule. */
  async lastSent(emails: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    // Only these people's rows (digests_email index): one person's preview reads one person.
    for (let i = 0; i < emails.length; i += 400) {
      const rows = await this.k
        .selectFrom('digests')
        .select(['email', (eb) => eb.fn.max('sent_at').as('last')])
        .where('status', '=', 'sent')
        .where('email', 'in', emails.slice(i, i + 400))
        .groupBy('email')
        .execute();
      for (const r of rows) if (r.last) out.set(r.email, r.last);
    }
    return out;
  }

  async snooze(input: {
    email: string;
    hostId: string;
    products: readonly string[];
    until: Date;
    now: Date;
  }): Promise<void> {
    for (const product of input.products) {
      const values = {
        email: input.email,
        until: input.until.toISOString(),
        created_at: input.now.toISOString(),
      };
      await this.k
        .insertInto('snoozes')
        .values({ host_id: input.hostId, product, ...values })
        .onConflict((oc) => oc.columns(['host_id', 'product']).doUpdateSet(values))
        .execute();
    }
  }

  /** Snoozes still running at `now`, keyed `hostId\u0000product` -> until. */
  /**
   * Snoozes still running, keyed host and product; only those of `hostIds` when given (one
   * person's preview reads their few computers' rows, not the fleet's).
   */
  async activeSnoozes(now: Date, hostIds?: readonly string[]): Promise<Map<string, string>> {
    if (hostIds?.length === 0) return new Map();
    const rows = await this.k
      .selectFrom('snoozes')
      .selectAll()
      .where('until', '>', now.toISOString())
      .$if(hostIds !== undefined, (q) => q.where('host_id', 'in', [...(hostIds ?? [])]))
      .execute();
    return new Map(rows.map((r) => [`${r.host_id}\u0000${r.product}`, r.until]));
  }

  async claimUpdated(input: {
    email: string;
    hostId: string;
    cycle: string;
    now: Date;
  }): Promise<void> {
    await this.k
      .insertInto('update_claims')
      .values({
        email: input.email,
        host_id: input.hostId,
        cycle: input.cycle,
        claimed_at: input.now.toISOString(),
        resolved_at: null,
      })
      .execute();
  }

  async openClaims(): Promise<Selectable<Database['update_claims']>[]> {
    return this.k
      .selectFrom('update_claims')
      .selectAll()
      .where('resolved_at', 'is', null)
      .execute();
  }

  async resolveClaim(id: number, now: Date, outcome: ClaimOutcome): Promise<void> {
    await this.k
      .updateTable('update_claims')
      .set({ resolved_at: now.toISOString(), outcome })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Store a digest's button actions before the digest is sent, so a click always finds them.
   * An existing reference keeps its first action: that is the one the outbox's stored message
   * (sent, or resent after a crash) shows. Expired actions are pruned on the way.
   */
  async saveActions(input: {
    email: string;
    actions: readonly DigestAction[];
    now: Date;
    expiresAt: Date;
  }): Promise<void> {
    const now = input.now.toISOString();
    await this.k.deleteFrom('digest_actions').where('expires_at', '<=', now).execute();
    const rows = input.actions.map((a) => ({
      ref: a.ref,
      email: input.email,
      action: JSON.stringify(a.action),
      created_at: now,
      expires_at: input.expiresAt.toISOString(),
    }));
    // Bounded batches: a digest has at most 24 machines × 25 buttons.
    for (let i = 0; i < rows.length; i += 100) {
      await this.k
        .insertInto('digest_actions')
        .values(rows.slice(i, i + 100))
        .onConflict((oc) => oc.column('ref').doNothing())
        .execute();
    }
  }

  /**
   * The action stored under a button's reference: `expired` past its expiry, `unknown` when there
   * is no such reference or the stored JSON is not an action we write (never thrown at a click).
   */
  async actionByRef(
    ref: string,
    now: Date,
  ): Promise<
    { status: 'ok'; email: string; action: ButtonAction } | { status: 'expired' | 'unknown' }
  > {
    const row = await this.k
      .selectFrom('digest_actions')
      .selectAll()
      .where('ref', '=', ref)
      .executeTakeFirst();
    if (!row) return { status: 'unknown' };
    if (row.expires_at <= now.toISOString()) return { status: 'expired' };
    const action = decodeActionJson(row.action);
    return action ? { status: 'ok', email: row.email, action } : { status: 'unknown' };
  }

  /**
   * Remember an accepted Slack request's signature; false when it was seen before (a replay).
   * Entries older than the replay window are pruned, since Slack refuses them by timestamp anyway.
   */
  async rememberSlackRequest(signature: string, now: Date, windowMs: number): Promise<boolean> {
    await this.k
      .deleteFrom('slack_requests')
      .where('received_at', '<', new Date(now.getTime() - 2 * windowMs).toISOString())
      .execute();
    const res = await this.k
      .insertInto('slack_requests')
      .values({ signature, received_at: now.toISOString() })
      .onConflict((oc) => oc.column('signature').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }
}

function toPerson(r: Selectable<PeopleTable>): StoredPerson {
  return {
    email: r.email,
    name: r.name,
    slackUserId: r.slack_user_id,
    tz: r.tz,
    dmChannelId: r.dm_channel_id,
    slackError: r.slack_error,
    lookedUpAt: r.looked_up_at,
  };
}
