import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ACTION_PREFIX, type ButtonAction, type DigestAction } from './model.js';
import { CYCLE_PATTERN } from './schedule.js';

/** Slack's limit on a button's `value`: anything longer in a click is not one we wrote. */
export const BUTTON_VALUE_MAX = 2000;

/**
 * How long a digest's buttons keep working. Long enough for a person back from a fortnight off
 * to act on the last digest; later, the click is told that the button expired and the next
 * digest carries fresh ones.
 */
export const ACTION_TTL_DAYS = 30;

/** Longest snooze a button may carry; a larger number in a click is not one we offered. */
const MAX_SNOOZE_DAYS = 90;

/**
 * A button's `value` is a short opaque reference to the action stored server-side (table
 * `digest_actions`), not the action itself: a snooze for ~80 products spelled out in JSON took
 * 2,465 characters, past Slack's 2,000, and made the whole digest fail. 22 base64url characters
 * are 132 bits of a SHA-256, so references never collide in practice and cannot be guessed.
 */
export const ACTION_REF_PATTERN = /^[A-Za-z0-9_-]{22}$/;

const cycle = z.string().regex(CYCLE_PATTERN);
const hostId = z.string().min(1).max(255);

// Strict: the action comes back from Slack (legacy buttons) or from our own table, and anything
// we did not write is refused.
const buttonActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('snooze'),
    hostId,
    products: z.array(z.string().min(1).max(200)).min(1).max(10_000),
    days: z.number().int().min(1).max(MAX_SNOOZE_DAYS),
    cycle,
  }),
  z.strictObject({ kind: z.literal('updated'), hostId, cycle }),
]);

/** The action_id of the button that asks for `a`: `patchbay_snooze_3`, `patchbay_updated`. */
export function actionIdOf(a: ButtonAction): string {
  return a.kind === 'snooze' ? `${ACTION_PREFIX}snooze_${a.days}` : `${ACTION_PREFIX}updated`;
}

/**
 * The stored reference of one button of one digest. Derived, not random: composing the same
 * person's digest again in the same cycle (a re-run after a crash) gives the same references, so
 * the outbox's stored message and the stored actions always agree.
 */
export function actionRefOf(idempotencyKey: string, a: ButtonAction): string {
  const what = a.kind === 'snooze' ? `snooze\u0000${a.days}` : 'updated';
  return createHash('sha256')
    .update(`${idempotencyKey}\u0000${a.hostId}\u0000${what}`)
    .digest('base64url')
    .slice(0, 22);
}

/** A digest button's action with its reference, ready to store and to put in the button. */
export function digestAction(idempotencyKey: string, action: ButtonAction): DigestAction {
  return { ref: actionRefOf(idempotencyKey, action), action };
}

/** What a click's `value` holds: a reference to look up, or (buttons sent before 0012) the action. */
export type ButtonValue =
  | { readonly kind: 'ref'; readonly ref: string }
  | { readonly kind: 'legacy'; readonly action: ButtonAction };

/**
 * Reads a click's action_id and value, or null for anything we did not send: a foreign
 * action_id, a value that is neither a reference nor our old JSON, or old JSON whose action_id
 * disagrees with it (a snooze_7 button whose value says 3 days). Never throws.
 */
export function parseButtonValue(actionId: string, value: string): ButtonValue | null {
  if (!actionId.startsWith(ACTION_PREFIX) || value.length > BUTTON_VALUE_MAX) return null;
  if (ACTION_REF_PATTERN.test(value)) return { kind: 'ref', ref: value };
  const action = decodeActionJson(value);
  return action && actionIdOf(action) === actionId ? { kind: 'legacy', action } : null;
}

/**
 * An action written as JSON, or null when it is not one we write: a stored action (table
 * `digest_actions`), or a button value from before migration 0012, when the value was the action
 * as JSON. Buttons already in people's DMs keep working: the value is checked as strictly as a
 * stored action (an owner check still follows). Never throws.
 */
export function decodeActionJson(value: string): ButtonAction | null {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = buttonActionSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
