import { InvalidArgumentError } from 'commander';

// A date, or a date and time with its zone: a time without one would be read in the machine's
// zone, and the same command would then answer differently on a laptop and on the server.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A commander parser for `--as-of`: the moment a read-only command answers for, so a preview can
 * be run against sample data on its own clock (the demo's is 2026-09-18T18:00:00Z). A date alone
 * is midnight UTC.
 */
export function asOfTime(value: string): Date {
  const text = value.trim();
  const at =
    ISO_TIME.test(text) && realDay(text)
      ? new Date(text.length === 10 ? `${text}T00:00:00Z` : text)
      : null;
  if (!at || Number.isNaN(at.getTime())) {
    throw new InvalidArgumentError(
      'expected an ISO 8601 date or date-time with a zone, e.g. 2026-09-18 or 2026-09-18T18:00:00Z.',
    );
  }
  return at;
}

/** Date would roll 2026-02-30 over to March 2: a day the calendar lacks is a typo, not a time. */
function realDay(text: string): boolean {
  const [y = 0, m = 0, d = 0] = text.slice(0, 10).split('-').map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}
