import type { Generated } from 'kysely';

/** A person as Slack knows them: cached so a known person costs no lookup next cycle. */
export interface PeopleTable {
  email: string;
  name: string | null;
  slack_user_id: string | null;
  dm_channel_id: string | null;
  tz: string | null;
  /** Why Slack could not be used for them (users_not_found, account_inactive, ...). */
  slack_error: string | null;
  looked_up_at: string | null;
}

export type DigestStatus = 'pending' | 'sending' | 'sent' | 'failed';

/**
 * The outbox: a digest is written before it is sent. `sending` that survives a crash means the
 * outcome is unknown: the DM's history is searched for the key before any resend.
 */
export interface DigestsTable {
  idempotency_key: string;
  email: string;
  cycle: string;
  status: DigestStatus;
  channel_id: string | null;
  ts: string | null;
  text: string;
  blocks: string;
  metadata: string;
  items: number;
  max_days_overdue: number;
  attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface SnoozesTable {
  host_id: string;
  product: string;
  email: string;
  until: string;
  created_at: string;
}

/** "I updated": re-checked after the next inventory sync, thanked when the new version shows. */
export interface UpdateClaimsTable {
  id: Generated<number>;
  email: string;
  host_id: string;
  cycle: string;
  claimed_at: string;
  resolved_at: string | null;
  /** How a closed claim ended; null while open, and on claims closed before this was kept. */
  outcome: ClaimOutcome | null;
}

/** `confirmed`: inventory showed the host current (the person was thanked); `expired`: it never did. */
export type ClaimOutcome = 'confirmed' | 'expired';

/**
 * One failed attempt to post a digest, with Slack's error code: the digest row keeps only its
 * last error (cleared when a retry succeeds), this keeps each one for the person page.
 */
export interface DigestFailuresTable {
  id: Generated<number>;
  idempotency_key: string;
  email: string;
  cycle: string;
  error: string;
  /** 1 when the digest went back to pending for the next run, 0 when it was given up. */
  retryable: number;
  failed_at: string;
}

/** Signatures of accepted Slack requests, kept past the replay window to refuse a replay. */
export interface SlackRequestsTable {
  signature: string;
  received_at: string;
}

/**
 * What a digest button asks for (a ButtonAction as JSON), under the short reference the button's
 * `value` carries. Kept until `expires_at`; a click on an expired or unknown reference is told so.
 */
export interface DigestActionsTable {
  ref: string;
  email: string;
  action: string;
  created_at: string;
  expires_at: string;
}

export interface ReminderTables {
  people: PeopleTable;
  digests: DigestsTable;
  snoozes: SnoozesTable;
  update_claims: UpdateClaimsTable;
  slack_requests: SlackRequestsTable;
  digest_actions: DigestActionsTable;
  digest_failures: DigestFailuresTable;
}
