/** A URL fit for a log line or an error: no user info, and query values hidden (they may be keys). */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    u.username = '';
    u.password = '';
    for (const key of [...u.searchParams.keys()]) {
      if (/key|token|secret|sig|password|auth/i.test(key)) u.searchParams.set(key, '****');
    }
    return u.toString();
  } catch {
    return '(invalid url)';
  }
}
