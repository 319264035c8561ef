import {
  blockActionSchema,
  blockActionsPayloadSchema,
  isSlackResponseUrl,
  type BlockAction,
  type BlockActionsPayload,
} from '../integrations/slack/schema.js';
import { verifySlackRequest } from '../integrations/slack/verify-request.js';
import type { Logger } from '../platform/log/logger.js';
import { ACTION_TTL_DAYS, actionIdOf, parseButtonValue } from './actions.js';
import type { ButtonAction } from './model.js';
import type { ReminderStore } from './store.js';

/** Slack's replay window: a request older (or newer) than this is refused. */
export const SLACK_REPLAY_WINDOW_MS = 5 * 60_000;

export interface InteractionDeps {
  readonly store: ReminderStore;
  readonly signingSecret: string;
  readonly now: () => Date;
  readonly log: Logger;
  /** Whose host is it: the owner's email, or null. Only the owner may snooze or claim it. */
  readonly ownerOf: (hostId: string) => Promise<string | null>;
  /**
   * The earliest deadline among these products on the host, or null: a snooze never runs past
   * it, even when the click comes days after the digest was written.
   */
  readonly deadlineOf?: (hostId: string, products: readonly string[]) => Promise<Date | null>;
  /** The email of a Slack user we sent a digest to, or null. */
  readonly emailOfSlackUser: (userId: string) => Promise<string | null>;
  /** `slack.apiUrl`: its origin may also take answers to clicks (a stand-in's response_url). */
  readonly slackApiUrl?: string;
}

export interface InteractionRequest {
  readonly rawBody: string;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
}

/** A few words for the person who clicked, posted ephemerally to Slack's response_url. */
export interface InteractionNotice {
  readonly responseUrl: string;
  readonly text: string;
}

export type InteractionResult = {
  status: 200 | 400 | 401 | 403;
  body: string;
  notice?: InteractionNotice;
};

export const NOTICES = {
  expired: `This button has expired (a digest's buttons work for ${ACTION_TTL_DAYS} days). Your next Patchbay digest will have fresh ones.`,
  unknown:
    'Patchbay does not recognise this button. Your next Patchbay digest will have fresh ones.',
  notYours:
    'Patchbay does not list you as the owner of this computer, so nothing was changed. Ask IT if that is wrong.',
  updated: 'Thanks! Patchbay re-checks this computer at its next inventory sync.',
} as const;

type ActionOutcome = { kind: 'done' | 'refused' | 'stale' | 'ignored'; text?: string };

/**
 * Handle a click on a digest button. Verified first (signature, 5-minute window, no replay),
 * then authorised (the clicker owns the host), then stored. Anything else changes nothing.
 * Whatever the payload holds, the answer is a status (never a throw): each action is its own
 * unit, so one odd action never stops the others.
 */
export async function handleInteraction(
  deps: InteractionDeps,
  req: InteractionRequest,
): Promise<InteractionResult> {
  const now = deps.now();
  const verdict = verifySlackRequest({
    signingSecret: deps.signingSecret,
    timestampHeader: req.timestamp,
    signatureHeader: req.signature,
    rawBody: req.rawBody,
    nowMs: now.getTime(),
  });
  if (!verdict.ok) {
    deps.log.warn({ reason: verdict.reason }, 'Slack request refused');
    return { status: 401, body: JSON.stringify({ error: verdict.reason }) };
  }
  // The signature covers the timestamp, so an identical signature is the same request again.
  if (
    !(await deps.store.rememberSlackRequest(req.signature as string, now, SLACK_REPLAY_WINDOW_MS))
  ) {
    deps.log.warn({}, 'Slack request replayed');
    return { status: 401, body: JSON.stringify({ error: 'replayed' }) };
  }
  const parsed = parsePayload(req.rawBody);
  if (!parsed) return { status: 400, body: JSON.stringify({ error: 'unexpected payload' }) };
  const email = await deps.emailOfSlackUser(parsed.user.id);
  const outcomes: ActionOutcome[] = [];
  for (const raw of parsed.actions) {
    const a = blockActionSchema.safeParse(raw);
    outcomes.push(
      a.success ? await handleAction(deps, { email, user: parsed.user.id, now }, a.data) : ignored,
    );
  }
  const refused = outcomes.some((o) => o.kind === 'refused');
  const text = outcomes.find((o) => o.text)?.text;
  const responseUrl = parsed.response_url;
  const notice =
    text && responseUrl && isSlackResponseUrl(responseUrl, deps.slackApiUrl)
      ? { responseUrl, text }
      : undefined;
  // Slack only needs a fast 200; the digest itself is refreshed by the next cycle.
  return refused
    ? {
        status: 403,
        body: JSON.stringify({ error: 'not your computer' }),
        ...(notice && { notice }),
      }
    : { status: 200, body: '', ...(notice && { notice }) };
}

const ignored: ActionOutcome = { kind: 'ignored' };

/** One clicked button: find what it asks for, check who asks, then do it. */
async function handleAction(
  deps: InteractionDeps,
  who: { email: string | null; user: string; now: Date },
  clicked: BlockAction,
): Promise<ActionOutcome> {
  const value = parseButtonValue(clicked.action_id, clicked.value ?? '');
  if (!value) return ignored;
  let action: ButtonAction;
  if (value.kind === 'legacy') action = value.action;
  else {
    const stored = await deps.store.actionByRef(value.ref, who.now);
    // A stored action whose action_id disagrees with the click is not a button we sent.
    if (stored.status !== 'ok' || actionIdOf(stored.action) !== clicked.action_id) {
      const expired = stored.status === 'expired';
      deps.log.info({ user: who.user, expired }, 'Click on an expired or unknown digest button');
      return { kind: 'stale', text: expired ? NOTICES.expired : NOTICES.unknown };
    }
    action = stored.action;
  }
  const owner = await deps.ownerOf(action.hostId);
  if (!who.email || owner !== who.email) {
    deps.log.warn(
      { user: who.user, host: action.hostId },
      'Button click on a host the user does not own',
    );
    return { kind: 'refused', text: NOTICES.notYours };
  }
  if (action.kind === 'updated') {
    await deps.store.claimUpdated({
      email: who.email,
      hostId: action.hostId,
      cycle: action.cycle,
      now: who.now,
    });
    return { kind: 'done', text: NOTICES.updated };
  }
  const wanted = new Date(who.now.getTime() + action.days * 86_400_000);
  const deadline = deps.deadlineOf ? await deps.deadlineOf(action.hostId, action.products) : null;
  const until = deadline && deadline < wanted ? deadline : wanted;
  await deps.store.snooze({
    email: who.email,
    hostId: action.hostId,
    products: action.products,
    until,
    now: who.now,
  });
  const when = `${until.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  // Say what was snoozed: the button snoozed the computer's pending updates, nothing overdue.
  const what =
    action.products.length <= 3 ? action.products.join(', ') : `${action.products.length} updates`;
  return {
    kind: 'done',
    text: `Snoozed ${what} until ${when}; anything overdue is not snoozed, and the next digest after that lists ${action.products.length === 1 ? 'it' : 'them'} again.`,
  };
}

/** The form field `payload` as a block_actions payload, or null for anything else. Never throws. */
function parsePayload(rawBody: string): BlockActionsPayload | null {
  const payload = new URLSearchParams(rawBody).get('payload');
  if (!payload) return null;
  try {
    const res = blockActionsPayloadSchema.safeParse(JSON.parse(payload));
    return res.success ? res.data : null;
  } catch {
    return null;
  }
}
