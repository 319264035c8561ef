import { PatchbayError } from '../../../platform/errors/errors.js';
import type { HttpClient, TextResponse } from '../../../platform/http-client/http-client.js';
import type { TokenManager } from './token-manager.js';

/** What every Jamf request needs: the one HTTP client and the one token. */
export interface JamfSession {
  readonly baseUrl: string;
  readonly http: HttpClient;
  readonly tokens: TokenManager;
}

const is401 = (err: unknown): boolean => err instanceof PatchbayError && err.details.status === 401;

/**
 * GET with the session's bearer token. A 401 means the token was revoked or expired early
 * (Jamf restarts, an admin rotating the client secret): get a new token once and ask again; a
 * second 401 means the new token is refused too, which no retry will fix.
 * 429/5xx are retried inside the HTTP client.
 */
export async function jamfGet(
  session: JamfSession,
  path: string,
  headers: Record<string, string> = {},
): Promise<TextResponse> {
  const url = `${session.baseUrl}${path}`;
  let token = await session.tokens.token();
  try {
    return await session.http.request({
      url,
      headers: { accept: 'application/json', ...headers, authorization: `Bearer ${token}` },
    });
  } catch (err) {
    if (!is401(err)) throw err;
    session.tokens.invalidate(token);
  }
  token = await session.tokens.token();
  try {
    return await session.http.request({
      url,
      headers: { accept: 'application/json', ...headers, authorization: `Bearer ${token}` },
    });
  } catch (err) {
    if (!is401(err)) throw err;
    throw new PatchbayError(
      'E_JAMF_AUTH',
      `Jamf Pro refused a fresh bearer token for ${url.split('?')[0] ?? url} (HTTP 401 twice)`,
      { url, status: 401 },
      { cause: err },
    );
  }
}
