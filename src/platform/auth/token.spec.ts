import { describe, expect, it } from 'vitest';
import { isPatchbayError } from '../errors/errors.js';
import type { TokenScope } from './tables.js';
import {
  bearerToken,
  expiryFrom,
  generateToken,
  hashToken,
  looksLikeToken,
  sameHash,
  scopeAllows,
  shouldTouch,
  tokenState,
} from './token.js';

const NOW = new Date('2026-08-25T12:00:00Z');
const GOOD = `pb_${Buffer.alloc(32, 7).toString('base64url')}`;

describe('token format', () => {
  it('is pb_ + 32 random bytes in base64url, and differs every time', () => {
    expect(generateToken(() => Buffer.alloc(32, 7))).toBe(GOOD);
    const a = generateToken();
    expect(a).toMatch(/^pb_[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
  });

  it.each([
    [GOOD, true],
    [GOOD.slice(0, -1), false],
    [`${GOOD}x`, false],
    [GOOD.replace('pb_', 'pk_'), false],
    [`pb_${'+'.repeat(43)}`, false],
    ['', false],
  ])('looksLikeToken(%j) is %s', (text, expected) => {
    expect(looksLikeToken(text)).toBe(expected);
  });

  it('hashes to lowercase sha256 hex that never contains the token', () => {
    const h = hashToken(GOOD);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).toBe(hashToken(GOOD));
    expect(hashToken(`${GOOD}x`)).not.toBe(h);
  });

  it.each([
    [hashToken('a'), hashToken('a'), true],
    [hashToken('a'), hashToken('b'), false],
    [hashToken('a'), hashToken('a').slice(0, 62), false],
    ['', '', false],
  ])('sameHash(%s, %s) is %s', (a, b, expected) => {
    expect(sameHash(a, b)).toBe(expected);
  });
});

describe('bearerToken', () => {
  it.each([
    [`Bearer ${GOOD}`, GOOD],
    [`bearer ${GOOD}`, GOOD],
    [`Bearer   ${GOOD} `, GOOD],
    [`Basic ${GOOD}`, null],
    ['Bearer', null],
    [`Bearer ${GOOD} extra`, null],
    [undefined, null],
  ])('%j -> %j', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });
});

describe('scopes and states', () => {
  it.each<[TokenScope, TokenScope, boolean]>([
    ['read', 'read', true],
    ['read', 'admin', false],
    ['admin', 'read', true],
    ['admin', 'admin', true],
  ])('a %s token on a %s route: %s', (have, need, expected) => {
    expect(scopeAllows(have, need)).toBe(expected);
  });

  it.each([
    [null, null, 'active'],
    ['2026-08-25T12:00:01Z', null, 'active'],
    ['2026-08-25T12:00:00Z', null, 'expired'],
    ['2026-08-01T00:00:00Z', null, 'expired'],
    [null, '2026-08-01T00:00:00Z', 'revoked'],
    ['2026-08-01T00:00:00Z', '2026-07-01T00:00:00Z', 'revoked'],
  ])('expires %s, revoked %s: %s', (expires_at, revoked_at, expected) => {
    expect(tokenState({ expires_at, revoked_at }, NOW)).toBe(expected);
  });

  it.each([
    [null, true],
    ['2026-08-25T11:59:30Z', false],
    ['2026-08-25T11:59:00.001Z', false],
    ['2026-08-25T11:59:00Z', true],
    ['2026-08-20T00:00:00Z', true],
  ])('last used %s: write now %s', (lastUsedAt, expected) => {
    expect(shouldTouch(lastUsedAt, NOW)).toBe(expected);
  });
});

describe('expiryFrom', () => {
  it.each([
    [undefined, null],
    ['never', null],
    ['90d', '2026-11-23T12:00:00.000Z'],
    ['12h', '2026-08-26T00:00:00.000Z'],
    ['1w', '2026-09-01T12:00:00.000Z'],
  ])('%j -> %j', (text, expected) => {
    expect(expiryFrom(text, NOW)?.toISOString() ?? null).toBe(expected);
  });

  it.each(['90', '0d', 'soon', '-1d', ''])('refuses %j with E_USAGE', (text) => {
    let caught: unknown;
    try {
      expiryFrom(text, NOW);
    } catch (err) {
      caught = err;
    }
    expect(isPatchbayError(caught) && caught.code).toBe('E_USAGE');
  });
});
