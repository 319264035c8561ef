import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeSlackSignature, verifySlackRequest } from './verify-request.js';

interface SigningExample {
  signingSecret: string;
  timestamp: string;
  body: string;
  signature: string;
}

// Slack's own published vector (docs "Verifying requests from Slack"); see SOURCES.md next to it.
const EXAMPLE = JSON.parse(
  readFileSync(
    new URL('./__fixtures__/signing-example.json', import.meta.url),
    'utf8',
  ),
) as SigningExample;
const AT = Number(EXAMPLE.timestamp) * 1000;

const base = {
  signingSecret: EXAMPLE.signingSecret,
  timestampHeader: EXAMPLE.timestamp as string | undefined,
  signatureHeader: EXAMPLE.signature as string | undefined,
  rawBody: EXAMPLE.body as string | Buffer,
  nowMs: AT,
};

describe('computeSlackSignature', () => {
  it("reproduces Slack's published example", () => {
    expect(computeSlackSignature(EXAMPLE.signingSecret, EXAMPLE.timestamp, EXAMPLE.body)).toBe(
      EXAMPLE.signature,
    );
  });
});

describe('verifySlackRequest', () => {
  const flipped = `${EXAMPLE.signature.slice(0, -1)}${EXAMPLE.signature.endsWith('3') ? '4' : '3'}`;
  it.each([
    ["Slack's example at its own time", {}, { ok: true }],
    ['the body as a Buffer', { rawBody: Buffer.from(EXAMPLE.body) }, { ok: true }],
    ['4m59s late', { nowMs: AT + 299_000 }, { ok: true }],
    ['4m59s early (clock skew)', { nowMs: AT - 299_000 }, { ok: true }],
    ['5m01s late (replay)', { nowMs: AT + 301_000 }, { ok: false, reason: 'stale' }],
    ['5m01s in the future', { nowMs: AT - 301_000 }, { ok: false, reason: 'stale' }],
    ['a non-numeric timestamp', { timestampHeader: '1531420618x' }, { ok: false, reason: 'stale' }],
    [
      'no timestamp header',
      { timestampHeader: undefined },
      { ok: false, reason: 'missing-headers' },
    ],
    [
      'no signature header',
      { signatureHeader: undefined },
      { ok: false, reason: 'missing-headers' },
    ],
    ['an empty signature', { signatureHeader: '' }, { ok: false, reason: 'missing-headers' }],
    ['one hex digit changed', { signatureHeader: flipped }, { ok: false, reason: 'bad-signature' }],
    ['a short signature', { signatureHeader: 'v0=abc' }, { ok: false, reason: 'bad-signature' }],
    [
      'a longer signature',
      { signatureHeader: `${EXAMPLE.signature}00` },
      { ok: false, reason: 'bad-signature' },
    ],
    [
      'a v1 prefix',
      { signatureHeader: `v1=${EXAMPLE.signature.slice(3)}` },
      { ok: false, reason: 'bad-signature' },
    ],
    ['a tampered body', { rawBody: `${EXAMPLE.body}&x=1` }, { ok: false, reason: 'bad-signature' }],
    [
      'the wrong secret',
      { signingSecret: 'not-the-secret' },
      { ok: false, reason: 'bad-signature' },
    ],
    [
      'a timestamp moved forward (replayed with a fresh header)',
      { timestampHeader: String(Number(EXAMPLE.timestamp) + 60), nowMs: AT + 60_000 },
      { ok: false, reason: 'bad-signature' },
    ],
    [
      'a multi-byte signature of the right length',
      { signatureHeader: `v0=${'é'.repeat(32)}` },
      { ok: false, reason: 'bad-signature' },
    ],
  ])('%s', (_name, change, expected) => {
    expect(verifySlackRequest({ ...base, ...change })).toEqual(expected);
  });

  it('accepts a request we sign for any body and time inside the window', () => {
    const ts = '1700000000';
    const body = 'payload=%7B%22type%22%3A%22block_actions%22%7D';
    const signatureHeader = computeSlackSignature('s3cret', ts, body);
    const input = { signingSecret: 's3cret', timestampHeader: ts, signatureHeader, rawBody: body };
    expect(verifySlackRequest({ ...input, nowMs: 1_700_000_100_000 })).toEqual({ ok: true });
  });
});
