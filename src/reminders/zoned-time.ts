/**
 * Wall-clock arithmetic in a person's IANA time zone with nothing but Intl.DateTimeFormat: the
 * zone database ships with Node, so DST rules stay current without a date library.
 */

/** The local calendar date and time of an instant in one zone. */
export interface ZonedParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  readonly isoWeekday: number;
  /** Days since 1970-01-01 of the local date: subtracting two gives whole calendar days. */
  readonly dayNumber: number;
}

const DAY_MS = 86_400_000;

// Building a formatter is the slow part of Intl; a zone's formatter never changes, so reuse it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Whether the runtime knows `tz` as an IANA zone name. */
export function isValidTimeZone(tz: string | null | undefined): tz is string {
  if (!tz) return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * The person's zone when the runtime knows it, else the fallback. Slack can hand us a zone that an
 * older ICU lacks, and a missing zone must not stop their reminders.
 */
export function resolveTimeZone(tz: string | null | undefined, fallback: string): string {
  if (isValidTimeZone(tz)) return tz;
  return isValidTimeZone(fallback) ? fallback : 'UTC';
}

/** The local date and time of `instant` in `tz` (a valid zone: see resolveTimeZone). */
export function zonedParts(instant: Date, tz: string): ZonedParts {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(tz).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const year = parts['year'] ?? 1970;
  const month = parts['month'] ?? 1;
  const day = parts['day'] ?? 1;
  const dayNumber = Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
  // 1970-01-01 was a Thursday (ISO 4).
  const isoWeekday = ((((dayNumber + 3) % 7) + 7) % 7) + 1;
  return {
    year,
    month,
    day,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    isoWeekday,
    dayNumber,
  };
}

/** ISO 8601 week of a local date: weeks start on Monday and week 1 holds the year's first Thursday. */
export function isoWeek(parts: ZonedParts): { readonly year: number; readonly week: number } {
  const thursday = parts.dayNumber - parts.isoWeekday + 4;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Math.floor(Date.UTC(year, 0, 1) / DAY_MS);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

/** `YYYY-MM-DD` of a local date. */
export function localDateString(parts: ZonedParts): string {
  const mm = String(parts.month).padStart(2, '0');
  const dd = String(parts.day).padStart(2, '0');
  return `${parts.year}-${mm}-${dd}`;
}
