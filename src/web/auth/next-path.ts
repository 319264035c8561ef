/**
 * Where the login form may send the browser once the password is right. Only a path on this
 * site: `next` comes from a link anyone can craft (`/login?next=...`), so it must not turn a real
 * sign-in into a jump to another origin (an open redirect, the classic phishing step).
 */

/** A base that can never be a real host: anything resolving elsewhere is off-site. */
const BASE = new URL('http://patchbay.invalid/');

/**
 * Browsers silently drop tabs and newlines inside URLs and read `\` as `/`, so `/\t/evil.example`
 * and `/\evil.example` both become `//evil.example` (another host). Rather than mimic every quirk
 * we refuse any control character or backslash outright: no real dashboard link contains one.
 */
// eslint-disable-next-line no-control-regex
const SUSPICIOUS = /[\u0000-\u001f\u007f\\]/;

/**
 * Pure: `next` as a same-origin path (with query and fragment), parsed the way a browser parses
 * a Location header; '/' for anything else. The result is the parser's own serialisation, so
 * what we send is exactly what we checked.
 */
export function safeNext(next: string): string {
  if (!next.startsWith('/') || SUSPICIOUS.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE.origin) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into a protocol-relative path (`/.//evil.example` -> `//evil.example`),
  // which the browser would again resolve against another host.
  return path.startsWith('//') ? '/' : path;
}
