import { describeError } from '../../../platform/errors/errors.js';
import type { FeedIssue } from '../../model.js';
import { parseJsonBody } from '../read-json.js';
import type { FeedReadContext } from '../types.js';

/** What reading firefox.json gave: its JSON, or an issue saying why the dates are missing. */
export interface FirefoxHistoryRead {
  readonly json: unknown;
  readonly notModified: boolean;
  readonly issues: readonly FeedIssue[];
}

/** firefox.json's URL: next to the configured firefox_versions.json (also on a mirror). */
export function historyUrlOf(versionsUrl: string): string {
  return new URL('firefox.json', versionsUrl).href;
}

/**
 * Fetch firefox.json for ship dates. It is ~600 KB, but conditional GET makes a repeat read a
 * 304, and without it every Firefox release would have no date (no time-to-install, no grace
 * period from release). Dates are an extra: any failure here becomes one issue and the
 * versions still sync, with releasedAt null. Never rejects.
 */
export async function readFirefoxHistory(ctx: FeedReadContext): Promise<FirefoxHistoryRead> {
  const url = historyUrlOf(ctx.url);
  try {
    const res = await ctx.http.getText(url);
    return {
      json: parseJsonBody(ctx.name, res.url, res.body),
      notModified: res.notModified,
      issues: [],
    };
  } catch (err) {
    return {
      json: undefined,
      notModified: false,
      issues: [
        {
          source: ctx.name,
          record: url,
          field: '(document)',
          message: `release dates unavailable: ${describeError(err)}`,
        },
      ],
    };
  }
}
