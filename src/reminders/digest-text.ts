import { needsNewHardware } from '../compliance/hardware.js';
import type { Finding } from '../compliance/model.js';
import { zonedParts } from './zoned-time.js';

/** Slack treats &, < and > as control characters in text; everything else is literal. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A `<url|label>` link, or null for a URL that is not http(s): the URLs come from config and a
 * `javascript:` or mistyped one must not reach a person. `|` and `>` would end the link early.
 */
export function mrkdwnLink(url: string, label: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  const safe = url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
  return `<${safe}|${escapeMrkdwn(label)}>`;
}

/**
 * Inventory and feeds are outside data: a name may hold newlines (a fake extra line in the
 * digest), ESC sequences or bidi overrides (text that reads differently than it is). Each such
 * character becomes a space.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * One line of plain text of at most `max` characters: unsafe characters replaced, and cut with
 * "…" on a code point boundary (never half a surrogate pair). Cut before escaping, so an entity
 * like `&amp;` is never cut in half.
 */
export function oneLine(s: string, max: number): string {
  const clean = s.replace(UNSAFE_CHARS, ' ').replace(LONE_SURROGATE, '\ufffd');
  if (clean.length <= max) return clean;
  let cut = clean.slice(0, Math.max(0, max - 1));
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

const shortDates = new Map<string, Intl.DateTimeFormat>();

/** "Tue 2 Dec" in the person's zone: the day they will see on their own calendar. */
export function shortDate(iso: string, tz: string): string {
  let f = shortDates.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
    });
    shortDates.set(tz, f);
  }
  return f.format(new Date(iso)).replace(',', '');
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "3 days overdue", "due in 5 days (Tue 2 Dec)", "due tomorrow (Wed 3 Dec)", "upgrade required". */
export function dueText(f: Finding, now: Date, tz: string): string {
  if (f.status === 'overdue') {
    return f.daysOverdue > 0 ? `${plural(f.daysOverdue, 'day')} overdue` : 'overdue';
  }
  // No update helps a Mac that runs no supported major: say what will (see needsNewHardware).
  if (needsNewHardware(f)) return 'needs replacing';
  if (f.status === 'unsupported') return 'upgrade required';
  if (f.deadline === null) return 'pending';
  // Calendar days in the person's zone, so "tomorrow" means their tomorrow.
  const days = zonedParts(new Date(f.deadline), tz).dayNumber - zonedParts(now, tz).dayNumber;
  const date = shortDate(f.deadline, tz);
  if (days <= 0) return `due today (${date})`;
  if (days === 1) return `due tomorrow (${date})`;
  return `due in ${days} days (${date})`;
}

const MAX_LISTED_CVES = 3;

/** The security notes of a finding: exploited CVEs first (named), then the count of CVEs fixed. */
export function securityNotes(f: Finding): string[] {
  const notes: string[] = [];
  const exploited = f.exploitedCves;
  if (exploited.length > 0) {
    const listed = exploited.slice(0, MAX_LISTED_CVES).join(', ');
    const more =
      exploited.length > MAX_LISTED_CVES ? ` +${exploited.length - MAX_LISTED_CVES}` : '';
    notes.push(
      exploited.length === 1
        ? `fixes an actively exploited vulnerability (${listed})`
        : `fixes ${exploited.length} actively exploited vulnerabilities (${listed}${more})`,
    );
  }
  if (f.cveCount > 0) notes.push(`${plural(f.cveCount, 'CVE')} fixed`);
  return notes;
}

/** "Google Chrome 131.0.6778.69 → 131.0.6778.85 · 3 days overdue · ..." without markup. */
export function itemText(f: Finding, now: Date, tz: string, extras: ItemExtras = {}): string {
  const target = targetText(f);
  const where = extras.where ? ` ${extras.where}` : '';
  const parts = [`${f.productName} ${f.installed} → ${target}${where}`, dueText(f, now, tz)];
  if (f.status === 'unsupported' && f.reason) parts.push(f.reason);
  return [...parts, ...securityNotes(f), ...(extras.note ? [extras.note] : [])].join(' · ');
}

/**
 * What an item line may add: `where` names the computers an update is needed on ("on 7
 * computers: …") when the person has several; `note` is the admin's word on the product
 * (`reminders.notes`: "restart needed, about 20 minutes"). Both plain text, escaped here.
 */
export interface ItemExtras {
  readonly where?: string;
  readonly note?: string;
}

/** One mrkdwn bullet for a digest section: name in bold, a warning on exploited CVEs, a how-to link. */
export function itemMrkdwn(
  f: Finding,
  now: Date,
  tz: string,
  howTo: string | undefined,
  extras: ItemExtras = {},
): string {
  const target = targetText(f);
  const where = extras.where ? ` ${escapeMrkdwn(extras.where)}` : '';
  const head = `*${escapeMrkdwn(f.productName)}* ${escapeMrkdwn(`${f.installed} → ${target}`)}${where}`;
  const parts = [head, dueText(f, now, tz)];
  if (f.status === 'unsupported' && f.reason) parts.push(escapeMrkdwn(f.reason));
  const notes = securityNotes(f).map(escapeMrkdwn);
  if (f.exploitedCves.length > 0 && notes[0]) notes[0] = `:rotating_light: ${notes[0]}`;
  if (extras.note) notes.push(`_${escapeMrkdwn(extras.note)}_`);
  const link = howTo === undefined ? null : mrkdwnLink(howTo, 'How to update');
  return `• ${[...parts, ...notes, ...(link ? [link] : [])].join(' · ')}`;
}

/** Most urgent first: overdue by days overdue, then upgrade required, then pending by deadline. */
export function byUrgency(a: Finding, b: Finding): number {
  const rank = (f: Finding): number =>
    f.status === 'overdue' ? 0 : f.status === 'unsupported' ? 1 : 2;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.daysOverdue !== b.daysOverdue) return b.daysOverdue - a.daysOverdue;
  const da = a.deadline === null ? Infinity : Date.parse(a.deadline);
  const db = b.deadline === null ? Infinity : Date.parse(b.deadline);
  return da - db || a.productName.localeCompare(b.productName);
}

export { plural };

/** What the person must reach: a version, new hardware, or (unknown target) any supported one. */
function targetText(f: Finding): string {
  if (needsNewHardware(f)) return 'new hardware';
  return f.required ?? 'a supported version';
}
