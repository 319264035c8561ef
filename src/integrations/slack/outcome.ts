import type { z } from 'zod';
import { postMessageSchema } from './schema.js';
import { SlackApiError, type CallFailure, type SlackPersonError } from './slack-errors.js';

/** A per-person outcome: Slack's refusal about that person is data, not an exception. */
export type PersonResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: SlackPersonError };

/** Message metadata as chat.postMessage takes it: how a sent message is found again. */
export interface SlackMessageMetadata {
  readonly event_type: string;
  readonly event_payload: Readonly<Record<string, unknown>>;
}

export interface PostMessageInput {
  readonly channel: string;
  /** Plain-text fallback shown in notifications; Slack wants it even with blocks. */
  readonly text: string;
  readonly blocks?: readonly Record<string, unknown>[];
  readonly metadata?: SlackMessageMetadata;
}

/**
 * `unknown`: the request may have reached Slack (connection lost after sending, timeout, 5xx):
 * look for the message (findMessageByMetadata) before sending again. `failed`: nothing was
 * posted; `retryable` says whether trying later can help.
 */
export type PostMessageResult =
  | { readonly status: 'sent'; readonly ts: string; readonly channel: string }
  | { readonly status: 'failed'; readonly error: string; readonly retryable: boolean }
  | { readonly status: 'unknown'; readonly error: string };

/** How one call ended, before a method decides what its caller sees. */
export type Outcome =
  { ok: true; data: Record<string, unknown> } | { ok: false; failure: CallFailure };

/** Maps a chat.postMessage outcome to what the outbox needs to decide: done, retry, or look first. */
export function postResultOf(outcome: Outcome): PostMessageResult {
  if (outcome.ok) {
    const parsed = postMessageSchema.safeParse(outcome.data);
    // ok:true means it was posted; without a ts we cannot say where, so look before resending.
    if (!parsed.success) return { status: 'unknown', error: 'invalid_response' };
    return { status: 'sent', ts: parsed.data.ts, channel: parsed.data.channel };
  }
  const f = outcome.failure;
  switch (f.kind) {
    case 'platform':
      return { status: 'failed', error: f.slackError, retryable: false };
    case 'rate-limited':
      return { status: 'failed', error: 'ratelimited', retryable: true };
    case 'not-sent':
      return { status: 'failed', error: f.error.message, retryable: true };
    case 'unknown':
      return { status: 'unknown', error: f.error.message };
  }
}

/** The data of a successful call; else the failure as an exception. */
export function orThrow(method: string, outcome: Outcome): Record<string, unknown> {
  if (outcome.ok) return outcome.data;
  const f = outcome.failure;
  switch (f.kind) {
    case 'platform':
      throw new SlackApiError(method, f.slackError);
    case 'rate-limited':
      throw new SlackApiError(method, 'ratelimited');
    case 'not-sent':
    case 'unknown':
      throw f.error;
  }
}

/** Parses an ok answer; one lacking what we need is our own `invalid_response`. */
export function parseOrThrow<S extends z.ZodType>(
  method: string,
  schema: S,
  data: unknown,
): z.infer<S> {
  const parsed = schema.safeParse(data);
  // `invalid_response` is ours, not Slack's: the answer said ok but lacked what we need.
  if (!parsed.success) throw new SlackApiError(method, 'invalid_response');
  return parsed.data;
}
