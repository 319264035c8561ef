import { z } from 'zod';
import { verifySlackRequest } from '../integrations/slack/verify-request.js';
import type { Logger } from '../platform/log/logger.js';
import { decodeAction } from './actions.js';
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
}

export interface InteractionRequest {
  readonly rawBody: string;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
}

export type InteractionResult =
  { status: 200; body: string } | { status: 400 | 401 | 403; body: string };

const payloadSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1) }),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});

/**
 * Handle a click on a digest button. Verified first (signature, 5-minute window, no replay),
 * then authorised (the clicker owns the host), then stored. Anything else changes nothing.
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
  for (const a of parsed.actions) {
    const action = decodeAction(a.action_id, a.value ?? '');
    if (!action) continue;
    const owner = await deps.ownerOf(action.hostId);
    if (!email || owner !== email) {
      deps.log.warn(
        { user: parsed.user.id, host: action.hostId },
        'Button click on a host the user does not own',
      );
      return { status: 403, body: JSON.stringify({ error: 'not your computer' }) };
    }
    if (action.kind === 'snooze') {
      const wanted = new Date(now.getTime() + action.days * 86_400_000);
      const deadline = deps.deadlineOf
        ? await deps.deadlineOf(action.hostId, action.products)
        : null;
      const until = deadline && deadline < wanted ? deadline : wanted;
      await deps.store.snooze({
        email,
        hostId: action.hostId,
        products: action.products,
        until,
        now,
      });
    } else {
      await deps.store.claimUpdated({ email, hostId: action.hostId, cycle: action.cycle, now });
    }
  }
  // Slack only needs a fast 200; the digest itself is refreshed by the next cycle.
  return { status: 200, body: '' };
}

function parsePayload(rawBody: string): z.infer<typeof payloadSchema> | null {
  const payload = new URLSearchParams(rawBody).get('payload');
  if (!payload) return null;
  try {
    const res = payloadSchema.safeParse(JSON.parse(payload));
    return res.success ? res.data : null;
  } catch {
    return null;
  }
}
