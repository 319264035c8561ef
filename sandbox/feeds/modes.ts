/**
 * How the stand-in answers a path. `ok` serves the file with ETag/Last-Modified and 304s;
 * the others reproduce what real feed hosts do on a bad day.
 */
export type FeedMode =
  | { kind: 'ok' }
  /** Hold the answer for `ms` before sending it (a client with a shorter timeout gives up). */
  | { kind: 'slow'; ms: number }
  | { kind: 'status'; status: number; retryAfter?: number }
  /** Announce the full length, send half, then cut the connection. */
  | { kind: 'truncated' }
  /** A complete 200 answer whose body is not what the feed should be. */
  | { kind: 'malformed'; body?: string };

export const DEFAULT_MALFORMED_BODY = '{"OSVersions": [{"OSVersion": "Tahoe 26", "Latest": ';

export function parseModeName(name: string): FeedMode | null {
  if (name === 'ok') return { kind: 'ok' };
  if (name === 'slow') return { kind: 'slow', ms: 5000 };
  if (name === '500') return { kind: 'status', status: 500 };
  if (name === '429') return { kind: 'status', status: 429, retryAfter: 1 };
  if (name === '404') return { kind: 'status', status: 404 };
  if (name === 'truncated') return { kind: 'truncated' };
  if (name === 'malformed') return { kind: 'malformed' };
  return null;
}
