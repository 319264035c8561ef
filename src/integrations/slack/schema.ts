import { z } from 'zod';

/**
 * Slack Web API answers, only the fields the client uses. Sources: the method reference pages
 * (docs.slack.dev/reference/methods/users.lookupByEmail, users.list, users.info,
 * conversations.open, chat.postMessage, conversations.history) and "Using message metadata".
 */

/** A user object (users.lookupByEmail, users.info, users.list members). */
export const slackUserSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  deleted: z.boolean().optional(),
  is_bot: z.boolean().optional(),
  // Bots and some guests have no tz or email; users:read.email is needed for the email.
  tz: z.string().nullable().optional(),
  profile: z.object({ email: z.string().optional() }).optional(),
});
export type SlackUserWire = z.infer<typeof slackUserSchema>;

export const userAnswerSchema = z.object({ user: slackUserSchema });

/** Cursor paging: an empty `next_cursor` means the last page. */
const responseMetadata = z.object({ next_cursor: z.string().optional() }).optional();

/** One page of users.list; members are checked one by one so one odd account spoils nothing. */
export const usersListPageSchema = z.object({
  members: z.array(z.unknown()),
  response_metadata: responseMetadata,
});

export const conversationsOpenSchema = z.object({ channel: z.object({ id: z.string().min(1) }) });

export const postMessageSchema = z.object({ channel: z.string().min(1), ts: z.string().min(1) });

/** Message metadata as Slack returns it with include_all_metadata=true. */
export const messageMetadataSchema = z.object({
  event_type: z.string(),
  event_payload: z.record(z.string(), z.unknown()),
});

export const historyPageSchema = z.object({
  messages: z.array(
    z.object({ ts: z.string(), metadata: messageMetadataSchema.optional().catch(undefined) }),
  ),
  has_more: z.boolean().optional(),
  response_metadata: responseMetadata,
});

/**
 * A `block_actions` interaction payload (a button click), as Slack posts it form-encoded in
 * `payload`: only the fields Patchbay uses. Actions are read one by one (blockActionSchema), so
 * one odd action spoils nothing; a response_url that is not a string is dropped, not fatal.
 * Source: docs.slack.dev/reference/interaction-payloads/block_actions-payload.
 */
export const blockActionsPayloadSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1).max(40) }),
  response_url: z.string().max(2000).optional().catch(undefined),
  // Slack sends one action per click; an actions block holds at most 25 elements.
  actions: z.array(z.unknown()).min(1).max(25),
});
export type BlockActionsPayload = z.infer<typeof blockActionsPayloadSchema>;

/** One clicked element: a button's action_id (max 255) and `value` (max 2,000). */
export const blockActionSchema = z.object({
  action_id: z.string().min(1).max(255),
  value: z.string().max(2000).optional(),
});
export type BlockAction = z.infer<typeof blockActionSchema>;

/**
 * Where Slack lets an app answer a click (response_url): only Slack's own hooks host over https,
 * or the origin of the Slack Web API Patchbay is configured to use (`slack.apiUrl`, e.g. a
 * stand-in on loopback) — a host that already receives the bot token — so a payload can never
 * make Patchbay post anywhere else.
 */
export function isSlackResponseUrl(url: string, apiUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username !== '' || u.password !== '') return false;
  const slacks =
    u.protocol === 'https:' &&
    (u.hostname === 'hooks.slack.com' || u.hostname === 'hooks.slack-gov.com') &&
    u.port === '';
  return (
    slacks || (apiUrl !== undefined && URL.canParse(apiUrl) && new URL(apiUrl).origin === u.origin)
  );
}
