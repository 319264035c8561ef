import { describe, expect, it } from 'vitest';
import { slackErrorAdvice, unreachableWhy } from './person-advice.js';

describe('slackErrorAdvice', () => {
  it.each([
    ['users_not_found', "check the owner's email in Jamf/Fleet"],
    ['account_inactive', 'give the computer a new owner'],
    ['channel_not_found', 'installed in this workspace'],
    ['ratelimited', 'sent again on the next run'],
    ['invalid_auth', 'check slack.token'],
    ['some_new_error', 'Slack answered "some_new_error"'],
  ])('%s says what to do', (code, advice) => {
    expect(slackErrorAdvice(code)).toContain(advice);
  });
});

describe('unreachableWhy', () => {
  it.each<
    [
      string,
      { slackUserId: string | null; slackError: string | null } | undefined,
      boolean,
      string | null,
    ]
  >([
    ['never looked up', undefined, true, 'Not looked up in Slack yet'],
    [
      'looked up, nothing found yet',
      { slackUserId: null, slackError: null },
      true,
      'Not looked up in Slack yet',
    ],
    [
      'no account',
      { slackUserId: null, slackError: 'users_not_found' },
      true,
      'users_not_found: No Slack account',
    ],
    ['known', { slackUserId: 'U1', slackError: null }, true, null],
    // Without a token the reminders job sends nothing: "the next run looks them up" is false.
    ['never looked up, no Slack', undefined, false, 'Slack is not configured (slack.token)'],
    [
      'known, no Slack',
      { slackUserId: 'U1', slackError: null },
      false,
      'Slack is not configured (slack.token)',
    ],
    // What Slack said about them still holds once a token is set.
    [
      'no account, no Slack',
      { slackUserId: null, slackError: 'users_not_found' },
      false,
      'users_not_found: No Slack account',
    ],
  ])('%s', (_name, person, slackConfigured, why) => {
    const got = unreachableWhy(person, slackConfigured);
    if (why === null) expect(got).toBeNull();
    else expect(got).toContain(why);
  });
});
