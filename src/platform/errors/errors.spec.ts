import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, PatchbayError } from './errors.js';

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
const documented = new Map(
  [...doc.matchAll(/^\|\s*`(E_[A-Z_]+)`\s*\|[^|]+\|\s*(\d+)\s*\|/gm)].map((m) => [
    m[1],
    Number(m[2]),
  ]),
);

describe('error codes', () => {
  it('docs/errors.md lists exactly the codes in ERROR_CODES, with their exit codes', () => {
    expect([...documented.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, spec] of Object.entries(ERROR_CODES))
      expect(documented.get(code), code).toBe(spec.exit);
  });

  it('maps to JSON without anything but code and message', () => {
    const err = new PatchbayError('E_FEED_PARSE', 'Feed x: bad', { feed: 'x' });
    expect(err.toJSON()).toEqual({ error: { code: 'E_FEED_PARSE', message: 'Feed x: bad' } });
    expect(err.exitCode).toBe(65);
    expect(new PatchbayError('E_HTTP_STATUS', 'x', {}, { kind: 'permanent' }).kind).toBe(
      'permanent',
    );
  });
});
