import { PatchbayError } from '../../../platform/errors/errors.js';
import { jamfSettingsSchema } from './schema.js';

/** How the connector signs in: an API client (preferred) or a Jamf Pro user. */
export type JamfCredentials =
  | { readonly kind: 'client'; readonly clientId: string; readonly clientSecret: string }
  | { readonly kind: 'user'; readonly username: string; readonly password: string };

export interface JamfSettings {
  /** Without a trailing slash, so paths can be appended. */
  readonly url: string;
  readonly credentials: JamfCredentials;
  readonly pageSize: number;
  readonly concurrency: number;
}

const KEY = 'inventory.jamf';

function invalid(key: string, message: string): PatchbayError {
  return new PatchbayError('E_CONFIG_INVALID', `${KEY}.${key}: ${message}`, {
    key: `${KEY}.${key}`,
  });
}

const present = (s: string | null | undefined): s is string =>
  typeof s === 'string' && s.trim() !== '';

/**
 * Validate `inventory.jamf`. An API client wins when both kinds of credentials are set; half a
 * pair (an id without its secret) is an error naming the missing key, never a silent fallback.
 */
export function parseJamfSettings(raw: Readonly<Record<string, unknown>>): JamfSettings {
  const res = jamfSettingsSchema.safeParse(raw);
  if (!res.success) {
    const issue = res.error.issues[0];
    throw invalid(issue?.path.map(String).join('.') || '(section)', issue?.message ?? 'invalid');
  }
  const s = res.data;
  if (!present(s.url))
    throw invalid('url', 'required (the Jamf Pro URL, e.g. https://example.jamfcloud.com)');
  let credentials: JamfCredentials;
  if (present(s.clientId) || present(s.clientSecret)) {
    if (!present(s.clientId)) throw invalid('clientId', 'required when clientSecret is set');
    if (!present(s.clientSecret)) throw invalid('clientSecret', 'required when clientId is set');
    credentials = { kind: 'client', clientId: s.clientId, clientSecret: s.clientSecret };
  } else if (present(s.username) || present(s.password)) {
    if (!present(s.username)) throw invalid('username', 'required when password is set');
    if (!present(s.password)) throw invalid('password', 'required when username is set');
    credentials = { kind: 'user', username: s.username, password: s.password };
  } else {
    throw invalid(
      'clientId',
      'set clientId and clientSecret (an API client), or username and password',
    );
  }
  return {
    url: s.url.replace(/\/+$/, ''),
    credentials,
    pageSize: s.pageSize ?? 200,
    concurrency: s.concurrency ?? 4,
  };
}
