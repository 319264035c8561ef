import { describe, expect, it } from 'vitest';
import { PatchbayError } from '../../../platform/errors/errors.js';
import { parseJamfSettings } from './settings.js';

const URL = 'https://example.jamfcloud.com/';

describe('parseJamfSettings', () => {
  it('prefers an API client, strips the trailing slash and applies defaults', () => {
    const s = parseJamfSettings({
      url: URL,
      clientId: 'id',
      clientSecret: 'sec',
      username: 'u',
      password: 'p',
      pageSize: null,
      concurrency: null,
    });
    expect(s).toEqual({
      url: 'https://example.jamfcloud.com',
      credentials: { kind: 'client', clientId: 'id', clientSecret: 'sec' },
      pageSize: 200,
      concurrency: 4,
    });
  });

  it('falls back to username and password', () => {
    expect(
      parseJamfSettings({ url: URL, username: 'u', password: 'p', pageSize: 500 }),
    ).toMatchObject({ credentials: { kind: 'user', username: 'u', password: 'p' }, pageSize: 500 });
  });

  it.each([
    ['no url', { clientId: 'id', clientSecret: 's' }, 'inventory.jamf.url'],
    ['no credentials', { url: URL }, 'inventory.jamf.clientId'],
    [
      'id without secret',
      { url: URL, clientId: 'id', clientSecret: null },
      'inventory.jamf.clientSecret',
    ],
    ['secret without id', { url: URL, clientSecret: 's' }, 'inventory.jamf.clientId'],
    ['user without password', { url: URL, username: 'u' }, 'inventory.jamf.password'],
    [
      'page size over Jamf maximum',
      { url: URL, clientId: 'i', clientSecret: 's', pageSize: 5000 },
      'inventory.jamf.pageSize',
    ],
    ['not a url', { url: 'jamf', clientId: 'i', clientSecret: 's' }, 'inventory.jamf.url'],
  ])('%s -> E_CONFIG_INVALID naming %s', (_name, raw, key) => {
    let caught: unknown;
    try {
      parseJamfSettings(raw);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PatchbayError);
    expect(caught).toMatchObject({ code: 'E_CONFIG_INVALID', details: { key } });
    expect((caught as Error).message).toContain(key);
    expect((caught as Error).message).not.toContain('"s"');
  });
});
