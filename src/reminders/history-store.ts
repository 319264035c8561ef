import type { Kysely } from 'kysely';
import type { Db } from '../platform/db/db.js';
import type { Database } from '../platform/db/schema.js';
import type { ClaimOutcome, DigestStatus } from './tables.js';

/** How far back a person's reminder history goes, and how many entries it shows at most. */
export const HISTORY_DAYS = 90;
export const HISTORY_ENTRIES = 50;

/** One failed attempt to post a digest, with Slack's error code. */
export interface DeliveryFailure {
  readonly at: string;
  readonly error: string;
  /** The digest went back to pending and a later run tried again. */
  readonly retryable: boolean;
}

/** One entry of a person's reminder history; `at` orders them, newest first. */
export type HistoryEntry =
  | {
      readonly kind: 'digest';
      /** When it was sent, else when its outbox row last changed (a failure, a retry). */
      readonly at: string;
      readonly cycle: string;
      readonly status: DigestStatus;
      readonly items: number;
      readonly maxDaysOverdue: number;
      /** The row's last error: the only trace of a failure recorded before digest_failures. */
      readonly lastError: string | null;
      /** Each failed attempt, oldest first. */
      readonly failures: readonly DeliveryFailure[];
    }
  | {
      readonly kind: 'snooze';
      readonly at: string;
      readonly hostId: string;
      readonly product: string;
      readonly until: string;
    }
  | {
      readonly kind: 'claim';
      readonly at: string;
      readonly hostId: string;
      readonly resolvedAt: string | null;
      /** null while open, and on claims closed before the outcome was kept. */
      readonly outcome: ClaimOutcome | null;
    }
  | {
      /** Slack could not be used for them when last looked up (users_not_found, ...). */
      readonly kind: 'lookup';
      readonly at: string;
      readonly error: string;
    };

/**
 * The reads behind a person's page: what the reminders did for one person. Every query is by
 * email (indexed) and bounded by the window and the entry limit, so the page costs one person.
 */
export class ReminderHistoryStore {
  constructor(private readonly db: Db) {}

  private get k(): Kysely<Database> {
    return this.db.kysely;
  }

  /** Newest first: the last HISTORY_DAYS days as of `now`, at most HISTORY_ENTRIES entries. */
  async personHistory(
    email: string,
    now: Date,
    limits: { days?: number; entries?: number } = {},
  ): Promise<HistoryEntry[]> {
    const entries = limits.entries ?? HISTORY_ENTRIES;
    const since = new Date(now.getTime() - (limits.days ?? HISTORY_DAYS) * 86_400_000);
    const from = since.toISOString();
    const [digests, snoozes, claims, person] = await Promise.all([
      this.k
        .selectFrom('digests')
        .select(['idempotency_key', 'cycle', 'status', 'items', 'max_days_overdue'])
        .select(['last_error', 'created_at', 'updated_at', 'sent_at'])
        .where('email', '=', email)
        .where('created_at', '>=', from)
        .orderBy('created_at', 'desc')
        .limit(entries)
        .execute(),
      this.k
        .selectFrom('snoozes')
        .selectAll()
        .where('email', '=', email)
        .where('created_at', '>=', from)
        .orderBy('created_at', 'desc')
        .limit(entries)
        .execute(),
      this.k
        .selectFrom('update_claims')
        .selectAll()
        .where('email', '=', email)
        .where('claimed_at', '>=', from)
        .orderBy('claimed_at', 'desc')
        .limit(entries)
        .execute(),
      this.k
        .selectFrom('people')
        .select(['slack_error', 'looked_up_at'])
        .where('email', '=', email)
        .executeTakeFirst(),
    ]);
    const failures = await this.failuresOf(
      email,
      digests.map((d) => d.idempotency_key),
    );
    const out: HistoryEntry[] = [
      ...digests.map((d): HistoryEntry => ({
        kind: 'digest',
        at: d.sent_at ?? d.updated_at,
        cycle: d.cycle,
        status: d.status,
        items: Number(d.items),
        maxDaysOverdue: Number(d.max_days_overdue),
        lastError: d.last_error,
        failures: failures.get(d.idempotency_key) ?? [],
      })),
      ...snoozes.map((s): HistoryEntry => ({
        kind: 'snooze',
        at: s.created_at,
        hostId: s.host_id,
        product: s.product,
        until: s.until,
      })),
      ...claims.map((c): HistoryEntry => ({
        kind: 'claim',
        at: c.claimed_at,
        hostId: c.host_id,
        resolvedAt: c.resolved_at,
        outcome: c.outcome,
      })),
      // What Slack last said about them: current state, shown whatever its age.
      ...(person?.slack_error && person.looked_up_at
        ? [{ kind: 'lookup' as const, at: person.looked_up_at, error: person.slack_error }]
        : []),
    ];
    return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, entries);
  }

  /** Failed attempts of these digests, by digest key, oldest first. */
  private async failuresOf(
    email: string,
    keys: readonly string[],
  ): Promise<Map<string, DeliveryFailure[]>> {
    const out = new Map<string, DeliveryFailure[]>();
    if (keys.length === 0) return out;
    const rows = await this.k
      .selectFrom('digest_failures')
      .select(['idempotency_key', 'error', 'retryable', 'failed_at'])
      .where('email', '=', email)
      .where('idempotency_key', 'in', [...keys])
      .orderBy('failed_at')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.idempotency_key) ?? [];
      list.push({ at: r.failed_at, error: r.error, retryable: Number(r.retryable) === 1 });
      out.set(r.idempotency_key, list);
    }
    return out;
  }
}
