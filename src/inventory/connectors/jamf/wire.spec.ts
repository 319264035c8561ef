import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BAD_BASIC_BODY, INVALID_TOKEN_BODY } from '../../../../sandbox/jamf/tokens.js';
import { basicTokenSchema, oauthTokenSchema } from './schema.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('Jamf auth wire formats (real samples)', () => {
  it('reads the documented OAuth and user token answers', () => {
    expect(oauthTokenSchema.parse(JSON.parse(fixture('oauth-token.json')))).toMatchObject({
      expires_in: 599,
    });
    expect(basicTokenSchema.parse(JSON.parse(fixture('auth-token.json')))).toEqual({
      token: 'eyJhbGciOiJIUzUxMiJ9...',
      expires: '2022-01-24T21:35:20.373Z',
    });
  });

  it.each([
    ['invalid-token-401.json', INVALID_TOKEN_BODY],
    ['bad-credentials-401.json', BAD_BASIC_BODY],
  ])('the stand-in sends %s byte for byte', (name, body) => {
    expect(body).toBe(fixture(name));
  });
});
