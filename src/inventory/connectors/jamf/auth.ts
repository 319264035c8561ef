import type { z } from 'zod';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { HttpClient } from '../../../platform/http-client/http-client.js';
import { basicTokenSchema, oauthTokenSchema } from './schema.js';
import type { JamfSettings } from './settings.js';
import type { BearerToken } from './token-manager.js';

const AUTH_REFUSED = new Set([400, 401, 403]);

/**
 * Ask Jamf Pro for a bearer token: the OAuth client-credentials grant for an API client
 * (`POST /api/oauth/token`, form-encoded), or Basic auth for a user (`POST /api/v1/auth/token`).
 * A refusal is E_JAMF_AUTH naming the client id or user, never the secret.
 */
export async function requestToken(
  http: HttpClient,
  settings: JamfSettings,
  now: () => Date,
): Promise<BearerToken> {
  const creds = settings.credentials;
  const who = creds.kind === 'client' ? `API client ${creds.clientId}` : `user ${creds.username}`;
  const url =
    creds.kind === 'client'
      ? `${settings.url}/api/oauth/token`
      : `${settings.url}/api/v1/auth/token`;
  let body: string;
  try {
    const res =
      creds.kind === 'client'
        ? await http.request({
            method: 'POST',
            url,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              accept: 'application/json',
            },
            body: new URLSearchParams({
              grant_type: 'client_credentials',
              client_id: creds.clientId,
              client_secret: creds.clientSecret,
            }).toString(),
            // Asking for a token twice only mints two tokens: safe to retry on 429/5xx.
            idempotent: true,
          })
        : await http.request({
            method: 'POST',
            url,
            headers: {
              authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`,
              accept: 'application/json',
            },
            idempotent: true,
          });
    body = res.body;
  } catch (err) {
    const status = err instanceof PatchbayError ? err.details.status : undefined;
    if (typeof status === 'number' && AUTH_REFUSED.has(status)) {
      throw new PatchbayError(
        'E_JAMF_AUTH',
        `Jamf Pro refused the ${who} (HTTP ${status} from ${url})`,
        { url, status },
        { cause: err },
      );
    }
    throw err;
  }
  if (creds.kind === 'client') {
    const t = parseToken(body, oauthTokenSchema, url);
    return { value: t.access_token, expiresAt: now().getTime() + t.expires_in * 1000 };
  }
  const t = parseToken(body, basicTokenSchema, url);
  return { value: t.token, expiresAt: Date.parse(t.expires) };
}

function parseToken<T>(body: string, schema: z.ZodType<T>, url: string): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const res = schema.safeParse(json);
  if (!res.success) {
    throw new PatchbayError(
      'E_INVENTORY_PARSE',
      `jamf: ${url} did not answer with a token Patchbay can read`,
      { source: 'jamf', url },
    );
  }
  return res.data;
}
