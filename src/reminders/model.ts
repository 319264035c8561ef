import type { Finding } from '../compliance/model.js';

/** Someone who gets digests, with what Slack told us about them (cached, so a known person costs no lookup). */
export interface Person {
  readonly email: string;
  readonly name: string | null;
  readonly slackUserId: string | null;
  /** IANA time zone from Slack's users.info (`tz`), e.g. "Europe/Paris"; null until known. */
  readonly tz: string | null;
}

/** One of the person's machines with its reminder-worthy findings (overdue or pending). */
export interface DigestMachine {
  readonly hostId: string;
  readonly name: string | null;
  readonly serial: string | null;
  /** The host's platform from inventory (`macos`, `windows`, ...), when known. */
  readonly platform?: string;
  readonly items: readonly Finding[];
}

export interface DigestInput {
  readonly person: Person;
  /** Stable per person and cycle: travels in the message metadata so a resend can be detected. */
  readonly idempotencyKey: string;
  readonly cycle: string;
  readonly machines: readonly DigestMachine[];
  /** Product id (or `product.platform`, e.g. `chrome.windows`) -> "how to update" URL, from config. */
  readonly howToUpdate: Readonly<Record<string, string>>;
  /** Product id (or `product.platform`) -> a short note shown with the update ("restart needed"). */
  readonly notes?: Readonly<Record<string, string>>;
  /** Snooze choices in days, e.g. [1, 3, 7]. */
  readonly snoozeDays: readonly number[];
  readonly now: Date;
}

/** Slack message metadata (chat.postMessage `metadata`): how a sent digest is found again. */
export interface DigestMetadata {
  readonly event_type: 'patchbay_digest';
  readonly event_payload: { readonly key: string; readonly person: string; readonly cycle: string };
}

/** A composed digest: Block Kit blocks plus the plain-text fallback Slack shows in notifications. */
export interface DigestMessage {
  readonly text: string;
  readonly blocks: readonly Record<string, unknown>[];
  readonly metadata: DigestMetadata;
  /** What each button asks for, by the short reference its `value` holds; stored before sending. */
  readonly actions: readonly DigestAction[];
}

/** What a button click asks for; stored server-side under the reference in the button's `value`. */
export type ButtonAction =
  | {
      readonly kind: 'snooze';
      readonly hostId: string;
      readonly products: readonly string[];
      readonly days: number;
      readonly cycle: string;
    }
  | { readonly kind: 'updated'; readonly hostId: string; readonly cycle: string };

/** Action ids of the digest's buttons: `snooze_<days>` and `updated`, prefixed so other apps' ids never clash. */
export const ACTION_PREFIX = 'patchbay_';

/** A button's action and the short reference (`actionRefOf`) that its `value` carries. */
export interface DigestAction {
  readonly ref: string;
  readonly action: ButtonAction;
}
