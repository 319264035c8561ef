/** Query keys whose values may be keys or tokens: their values never reach a log or an error. */
const SENSITIVE_QUERY_KEY = /key|token|secret|sig|password|auth/i;

/** A URL fit for a log line or an error: no user info, and query values hidden (they may be keys). */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    u.username = '';
    u.password = '';
    for (const key of [...u.searchParams.keys()]) {
      if (SENSITIVE_QUERY_KEY.test(key)) u.searchParams.set(key, '****');
    }
    return u.toString();
  } catch {
    return '(invalid url)';
  }
}

/**
 * Anything that looks like an absolute URL inside free text: a scheme, `://`, then up to the
 * first character that cannot be part of a URL in a message, a JSON string or a log line.
 */
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>\\`]+/gi;
/** `scheme://user:pass@` — the user info is everything before the last `@` of the authority. */
const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;
/** `?api_key=...` / `&token=...`: the value is replaced, the key kept so the URL stays readable. */
const QUERY_PAIR = /([?&])([^=&#]*)=([^&#]*)/g;

/**
 * Every URL inside a message (an error from fetch, a driver, a feed source) with its user info
 * removed and key-like query values hidden. Unlike redactUrl it rewrites only what it must, so
 * the rest of the text reads as written. Errors and log lines go through it because a message
 * may quote a URL the code never saw as a URL (a redirect, a driver's connection string).
 */
export function redactUrlsIn(text: string): string {
  return text.replace(URL_IN_TEXT, (url) =>
    url
      .replace(USER_INFO, '$1')
      .replace(QUERY_PAIR, (pair, sep: string, key: string) =>
        SENSITIVE_QUERY_KEY.test(key) ? `${sep}${key}=****` : pair,
      ),
  );
}
