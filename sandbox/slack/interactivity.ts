import { createHmac } from 'node:crypto';
import type { StoredMessage } from './workspace.js';

/** A button click to deliver to the app, as Slack would after a user pressed it. */
export interface ClickButtonInput {
  /** The app's Request URL, e.g. `http://127.0.0.1:8080/slack/interactions`. */
  readonly url: string;
  readonly signingSecret: string;
  /** The clicking user's id (and name when it matters). */
  readonly user: string | { readonly id: string; readonly name?: string };
  readonly actionId: string;
  readonly value: string;
  /** The message holding the button; the stand-in finds the user's latest DM message when absent. */
  readonly messageTs?: string;
  /** Sign as if sent at this Unix time (seconds): a stale or future click. Default: the stand-in's clock. */
  readonly timestampSeconds?: number;
  /** Send this signature instead of the right one: a forged click. */
  readonly signature?: string;
}

export interface ClickButtonResult {
  readonly status: number;
  readonly body: string;
  /** Exactly what was sent, so a test can replay it. */
  readonly sent: { readonly body: string; readonly headers: Readonly<Record<string, string>> };
}

/** Slack's v0 signature, written here independently of the app's verifier so each checks the other. */
export function signSlackBody(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Finds the button in the message's blocks, for its block_id and label. */
function findButton(
  message: StoredMessage | undefined,
  actionId: string,
): { blockId: string; text: string } | null {
  for (const block of (message?.blocks ?? []) as { block_id?: string; elements?: unknown[] }[]) {
    for (const el of (block.elements ?? []) as { action_id?: string; text?: { text?: string } }[]) {
      if (el.action_id === actionId) {
        return { blockId: block.block_id ?? 'actions', text: el.text?.text ?? actionId };
      }
    }
  }
  return null;
}

/**
 * A `block_actions` payload for a button (Slack docs "block_actions payload"): user, container,
 * channel, the original message, and one action. Only the fields apps read are filled in.
 */
export function blockActionsPayload(
  input: ClickButtonInput,
  teamId: string,
  message: StoredMessage | undefined,
  nowMs: number,
  /** Where the app may answer the click: the stand-in's own origin when it listens, else Slack's. */
  responseOrigin = 'https://hooks.slack.com',
): Record<string, unknown> {
  const user = typeof input.user === 'string' ? { id: input.user } : input.user;
  const name = user.name ?? user.id.toLowerCase();
  const button = findButton(message, input.actionId);
  const actionTs = (nowMs / 1000).toFixed(6);
  return {
    type: 'block_actions',
    user: { id: user.id, username: name, name, team_id: teamId },
    api_app_id: 'A0PATCHBAY',
    token: 'stand-in-verification-token',
    container: message
      ? {
          type: 'message',
          message_ts: message.ts,
          channel_id: message.channel,
          is_ephemeral: false,
        }
      : { type: 'message', is_ephemeral: false },
    trigger_id: `${Math.floor(nowMs)}.1.stand-in`,
    team: { id: teamId, domain: 'patchbay-sandbox' },
    enterprise: null,
    is_enterprise_install: false,
    ...(message ? { channel: { id: message.channel, name: 'directmessage' } } : {}),
    ...(message
      ? {
          message: {
            type: 'message',
            user: 'U0PATCHBOT',
            ts: message.ts,
            text: message.text ?? '',
            ...(message.blocks ? { blocks: message.blocks } : {}),
          },
        }
      : {}),
    state: { values: {} },
    response_url: `${responseOrigin}/actions/${teamId}/stand-in/${Math.floor(nowMs)}`,
    actions: [
      {
        action_id: input.actionId,
        block_id: button?.blockId ?? 'actions',
        text: { type: 'plain_text', text: button?.text ?? input.actionId, emoji: true },
        value: input.value,
        type: 'button',
        action_ts: actionTs,
      },
    ],
  };
}

/** POSTs `payload=<json>` form-encoded with Slack's timestamp and signature headers. */
export async function sendBlockActions(
  input: ClickButtonInput,
  payload: Record<string, unknown>,
  nowMs: number,
): Promise<ClickButtonResult> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestamp = String(input.timestampSeconds ?? Math.floor(nowMs / 1000));
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': input.signature ?? signSlackBody(input.signingSecret, timestamp, body),
  };
  const res = await fetch(input.url, { method: 'POST', headers, body });
  return { status: res.status, body: await res.text(), sent: { body, headers } };
}
