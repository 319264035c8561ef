import type { Config } from './config.js';

/** A configured integration that cannot work as set: the key to fix and why. */
export interface ConfigWarning {
  readonly key: string;
  readonly message: string;
}

const set = (v: string | null): boolean => v !== null && v.trim() !== '';

/**
 * Integrations switched on without the secret they need. The config is still valid (each piece
 * may come later, e.g. from a *_FILE mounted at deploy time), so these are warnings for
 * `config check`, not load errors; but without them a sync or a Slack click fails at 3 a.m.
 * Pure: reads the effective config only.
 */
export function missingSecretWarnings(config: Config): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const { jamf, fleet } = config.inventory;
  if (set(jamf.url)) {
    const client = set(jamf.clientId) && set(jamf.clientSecret);
    const user = set(jamf.username) && set(jamf.password);
    if (!client && !user) {
      // The half-given pair names its missing secret; an API client is the default advice.
      const key =
        set(jamf.username) && !set(jamf.clientId)
          ? 'inventory.jamf.password'
          : 'inventory.jamf.clientSecret';
      warnings.push({
        key,
        message:
          'inventory.jamf.url is set but Jamf has no complete credentials: set inventory.jamf.clientId ' +
          'and inventory.jamf.clientSecret (an API client), or username and password; `sync inventory` will fail',
      });
    }
  }
  if (set(fleet.url) && !set(fleet.token)) {
    warnings.push({
      key: 'inventory.fleet.token',
      message:
        'inventory.fleet.url is set but inventory.fleet.token is not: `sync inventory` will fail (an API-only user with the observer role)',
    });
  }
  const slack = config.slack;
  const slackOn = set(slack.token) || set(slack.signingSecret) || set(slack.adminChannel);
  if (slackOn && !set(slack.token)) {
    warnings.push({
      key: 'slack.token',
      message: 'Slack is configured but slack.token (xoxb-...) is not: no reminder can be sent',
    });
  }
  if (slackOn && !set(slack.signingSecret)) {
    warnings.push({
      key: 'slack.signingSecret',
      message:
        'Slack is configured but slack.signingSecret is not: button clicks (snooze, "I updated") will be refused',
    });
  }
  return warnings;
}
