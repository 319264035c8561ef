import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack rejects nothing itself; we refuse requests older or newer than this (Slack's docs: 5 minutes). */
export const SLACK_SIGNATURE_WINDOW_SECONDS = 5 * 60;

/** Why a request failed verification; never says which part of a signature was wrong. */
export type SlackVerifyFailure = 'missing-headers' | 'stale' | 'bad-signature';

export interface VerifySlackRequestInput {
  readonly signingSecret: string;
  /** `X-Slack-Request-Timestamp`: Unix seconds as sent, undefined when absent. */
  readonly timestampHeader: string | undefined;
  /** `X-Slack-Signature`: `v0=<hex HMAC-SHA256>`. */
  readonly signatureHeader: string | undefined;
  /** The body exactly as received: re-encoding a parsed form changes the bytes and the MAC. */
  readonly rawBody: string | Buffer;
  readonly nowMs: number;
}

export type VerifySlackResult = { ok: true } | { ok: false; reason: SlackVerifyFailure };

/** `v0=` + HMAC-SHA256(secret, `v0:{timestamp}:{body}`) in hex: Slack's v0 request signature. */
export function computeSlackSignature(
  signingSecret: string,
  timestamp: string,
  rawBody: string | Buffer,
): string {
  const mac = createHmac('sha256', signingSecret);
  mac.update(`v0:${timestamp}:`);
  mac.update(rawBody);
  return `v0=${mac.digest('hex')}`;
}

/**
 * Verifies a request from Slack (interactivity, slash commands, events) per Slack's v0 signing:
 * a timestamp within 5 minutes of `nowMs` either way (replay window) and a signature compared in
 * constant time. Pure: the caller passes the clock and the raw body.
 */
export function verifySlackRequest(input: VerifySlackRequestInput): VerifySlackResult {
  const { timestampHeader, signatureHeader } = input;
  if (!timestampHeader || !signatureHeader) return { ok: false, reason: 'missing-headers' };
  // Digits only: `Number(' 1e3 ')` would accept forms Slack never sends, and they would enter the MAC.
  if (!/^\d{1,12}$/.test(timestampHeader)) return { ok: false, reason: 'stale' };
  const skew = Math.abs(input.nowMs / 1000 - Number(timestampHeader));
  if (skew > SLACK_SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(
    computeSlackSignature(input.signingSecret, timestampHeader, input.rawBody),
    'utf8',
  );
  const given = Buffer.from(signatureHeader, 'utf8');
  // timingSafeEqual throws on unequal lengths; the expected length is public, so checking it leaks nothing.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  return { ok: true };
}
