import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';
import { optionTable } from './load-from-disk.js';
import { missingSecretWarnings } from './secret-warnings.js';

/** The effective config from environment variables alone, through the real loader. */
const configFrom = (env: Record<string, string>) =>
  loadConfig(optionTable(), { text: null, path: null, env, readFile: () => '' }).config;

const JAMF = { PATCHBAY_INVENTORY__JAMF__URL: 'https://example.jamfcloud.com' };
const FLEET = { PATCHBAY_INVENTORY__FLEET__URL: 'https://fleet.example.com' };

describe('missingSecretWarnings', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['nothing configured', {}, []],
    ['Jamf without credentials', JAMF, ['inventory.jamf.clientSecret']],
    [
      'Jamf with a client id only',
      { ...JAMF, PATCHBAY_INVENTORY__JAMF__CLIENT_ID: 'id' },
      ['inventory.jamf.clientSecret'],
    ],
    [
      'Jamf with a username only',
      { ...JAMF, PATCHBAY_INVENTORY__JAMF__USERNAME: 'api' },
      ['inventory.jamf.password'],
    ],
    [
      'Jamf with an API client',
      {
        ...JAMF,
        PATCHBAY_INVENTORY__JAMF__CLIENT_ID: 'id',
        PATCHBAY_INVENTORY__JAMF__CLIENT_SECRET: 's',
      },
      [],
    ],
    [
      'Jamf with a user',
      { ...JAMF, PATCHBAY_INVENTORY__JAMF__USERNAME: 'u', PATCHBAY_INVENTORY__JAMF__PASSWORD: 'p' },
      [],
    ],
    ['Fleet without a token', FLEET, ['inventory.fleet.token']],
    ['Fleet with a token', { ...FLEET, PATCHBAY_INVENTORY__FLEET__TOKEN: 't' }, []],
    ['Slack token only', { SLACK_BOT_TOKEN: 'xoxb-1' }, ['slack.signingSecret']],
    ['Slack signing secret only', { SLACK_SIGNING_SECRET: 's' }, ['slack.token']],
    [
      'Slack admin channel only',
      { PATCHBAY_SLACK__ADMIN_CHANNEL: 'C123' },
      ['slack.token', 'slack.signingSecret'],
    ],
    ['Slack complete', { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, []],
  ])('%s', (_label, env, keys) => {
    const warnings = missingSecretWarnings(configFrom(env));
    expect(warnings.map((w) => w.key)).toEqual(keys);
    for (const w of warnings) expect(w.message).not.toBe('');
  });
});
