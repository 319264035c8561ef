import { z } from 'zod';
import { ACTION_PREFIX, type ButtonAction } from './model.js';
import { CYCLE_PATTERN } from './schedule.js';

/** Slack's limit on a button's `value`. */
export const BUTTON_VALUE_MAX = 2000;

/** Longest snooze a button may carry; a larger number in a click is not one we offered. */
const MAX_SNOOZE_DAYS = 90;

const cycle = z.string().regex(CYCLE_PATTERN);
const hostId = z.string().min(1).max(255);

// Strict: the value comes back from Slack in a click, and anything we did not write is refused.
const actionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('snooze'),
    hostId,
    products: z.array(z.string().min(1).max(100)).min(1).max(100),
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
 * A button's `value`: the action as JSON. Throws a RangeError past Slack's 2000 characters, which
 * only a caller bug can reach (product ids are short and a machine has a bounded set of them).
 */
export function encodeAction(a: ButtonAction): string {
  const value =
    a.kind === 'snooze'
      ? JSON.stringify({
          kind: a.kind,
          hostId: a.hostId,
          products: a.products,
          days: a.days,
          cycle: a.cycle,
        })
      : JSON.stringify({ kind: a.kind, hostId: a.hostId, cycle: a.cycle });
  if (value.length > BUTTON_VALUE_MAX) {
    throw new RangeError(`button value is ${value.length} characters, Slack allows 2000`);
  }
  return value;
}

/**
 * The action a click asks for, or null for anything we did not send: a foreign action_id, a value
 * that is not our JSON, or an action_id that disagrees with its value (a snooze_7 button whose
 * value says 3 days). The caller must still clamp a snooze to the item's deadline at click time.
 */
export function decodeAction(actionId: string, value: string): ButtonAction | null {
  if (!actionId.startsWith(ACTION_PREFIX) || value.length > BUTTON_VALUE_MAX) return null;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = actionSchema.safeParse(json);
  if (!parsed.success) return null;
  const action: ButtonAction = parsed.data;
  return actionIdOf(action) === actionId ? action : null;
}
