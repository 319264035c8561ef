import { describe, expect, it } from 'vitest';
import { PatchbayError } from '../errors/errors.js';
import { redactUrlsIn } from './redact-url.js';

describe('redactUrlsIn', () => {
  it.each([
    ['no URL', 'feed answered 500', 'feed answered 500'],
    [
      'a URL without secrets, as written',
      'GET https://a.example/x.json?page=2 failed',
      'GET https://a.example/x.json?page=2 failed',
    ],
    [
      'user and password',
      'failed: https://u:hunter2@a.example/feed',
      'failed: https://a.example/feed',
    ],
    ['a user alone', 'postgres://pb@db:5432/pb refused', 'postgres://db:5432/pb refused'],
    ['an @ in the password', 'x https://u:p@ss@a.example/ y', 'x https://a.example/ y'],
    [
      'key-like query values',
      'https://a.example/f?api_key=1&page=2&token=t',
      'https://a.example/f?api_key=****&page=2&token=****',
    ],
    [
      'an @ in the path is not user info',
      'https://a.example/users/@ada',
      'https://a.example/users/@ada',
    ],
    ['inside a JSON string', '{"err":"https://u:p@a.example/x"}', '{"err":"https://a.example/x"}'],
    [
      'several URLs',
      'http://a:b@x.example and sftp://c:d@y.example/',
      'http://x.example and sftp://y.example/',
    ],
  ])('%s', (_what, text, expected) => {
    expect(redactUrlsIn(text)).toBe(expected);
  });
});

describe('coded errors', () => {
  it('never carry a URL credential in their message, whoever built it', () => {
    const err = new PatchbayError(
      'E_JAMF_AUTH',
      'Jamf Pro refused the API client (HTTP 401 from https://api:hunter2@x.jamfcloud.com/api/oauth/token)',
    );
    expect(err.message).toBe(
      'Jamf Pro refused the API client (HTTP 401 from https://x.jamfcloud.com/api/oauth/token)',
    );
    expect(JSON.stringify(err.toJSON())).not.toContain('hunter2');
  });
});
