/**
 * What an admin should do about a Slack error code seen on a person's page: the look-up that
 * found no account, or a digest post Slack refused. Keyed by Slack's stable error strings
 * (https://docs.slack.dev/reference/methods/chat.postMessage#errors), never by message text.
 */
const ADVICE: Readonly<Record<string, string>> = {
  users_not_found:
    "No Slack account has this email: check the owner's email in Jamf/Fleet (or the inventory file), or give their Slack account this email.",
  account_inactive:
    'The Slack account is deactivated: give the computer a new owner in Jamf/Fleet.',
  user_not_found:
    'Slack no longer knows this user id (account removed or moved): the next run looks them up again by email.',
  channel_not_found:
    'Slack has no DM with them for this app: check the app is installed in this workspace with im:write, and that they are not a guest outside it.',
  not_in_channel:
    'The app cannot post in their DM: reinstall the Slack app with chat:write and im:write.',
  is_archived: 'Their DM with the app is archived: reinstall the app or ask them to open it.',
  cannot_dm_bot: 'This email belongs to a bot user: give the computer its human owner.',
  restricted_action:
    'A workspace setting stops the app from posting: ask a Slack admin to allow it.',
  missing_scope:
    'The Slack app lacks a scope it needs (chat:write, im:write, users:read.email): add it and reinstall.',
  not_authed: 'Slack refused the bot token: check slack.token (SLACK_BOT_TOKEN).',
  invalid_auth: 'Slack refused the bot token: check slack.token (SLACK_BOT_TOKEN).',
  token_revoked: 'The bot token was revoked: install the app again and set the new slack.token.',
  ratelimited:
    'Slack asked us to slow down: the digest was kept and sent again on the next run. Nothing to do unless it repeats.',
  invalid_blocks:
    'Slack refused the digest’s layout: a bug in Patchbay; report it with the Block Kit JSON below.',
  msg_too_long:
    'The digest was too long for Slack: a bug in Patchbay; report it with the Block Kit JSON below.',
};

/** The admin's next step for a Slack error code; a generic pointer for codes not listed. */
export function slackErrorAdvice(code: string): string {
  return (
    ADVICE[code] ??
    `Slack answered "${code}": see https://docs.slack.dev/reference/methods/chat.postMessage#errors. Transient errors are retried on the next run.`
  );
}

/** What the stored Slack look-up says about reaching a person, in the page's words. */
export interface StoredLookup {
  readonly slackUserId: string | null;
  readonly slackError: string | null;
}

/** What the card says while no Slack token is set: the reminders job then sends nothing at all. */
export const SLACK_NOT_CONFIGURED =
  'Slack is not configured (slack.token): nobody is looked up and no DM goes out until it is set.';

/**
 * Why a digest cannot reach this person today, from what earlier runs stored (no Slack call on
 * a page load), or null when it can: their Slack id is known and Slack is configured. What Slack
 * said about them comes first (it still holds once a token is set); without a token, "the next
 * run looks them up" would be false, since the reminders job then does nothing.
 */
export function unreachableWhy(
  p: StoredLookup | undefined,
  slackConfigured: boolean,
): string | null {
  if (p?.slackError && !p.slackUserId) return `${p.slackError}: ${slackErrorAdvice(p.slackError)}`;
  if (!slackConfigured) return SLACK_NOT_CONFIGURED;
  if (p?.slackUserId) return null;
  return 'Not looked up in Slack yet: the next reminder run looks them up by email.';
}
