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
  it.each([
    [undefined, 'Not looked up in Slack yet'],
    [{ slackUserId: null, slackError: null }, 'Not looked up in Slack yet'],
    [{ slackUserId: null, slackError: 'users_not_found' }, 'users_not_found: No Slack account'],
    [{ slackUserId: 'U1', slackError: null }, null],
  ])('%o -> %s', (person, why) => {
    const got = unreachableWhy(person);
    if (why === null) expect(got).toBeNull();
    else expect(got).toContain(why);
  });
});
