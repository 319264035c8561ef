import type { FeedSyncResult } from '../catalog/sync.js';
import type { RefreshSummary } from '../compliance/refresh.js';
import type { InventorySyncSummary } from '../inventory/sync.js';
import type { PersonOutcome } from '../reminders/cycle.js';

/**
 * The jobs page's one-line outcomes: what a run did, and above all why a run that did nothing
 * did nothing. Pure: the handlers (job-handlers.ts) gather the facts and store the sentence.
 */

/** A failure reason is a clause in a sentence, not a page: long messages are cut short. */
const MAX_REASON = 80;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line;
}

/** "3 feeds synced (1 unchanged), 12 new releases; edge failed: HTTP 503". */
export function feedsOutcome(results: readonly FeedSyncResult[]): string {
  const enabled = results.filter((r) => r.outcome !== 'disabled');
  if (enabled.length === 0) return '0 feeds: none enabled';
  const synced = enabled.filter((r) => r.outcome === 'updated' || r.outcome === 'not-modified');
  const unchanged = synced.filter((r) => r.outcome === 'not-modified').length;
  const fresh = synced.reduce((n, r) => n + r.releasesNew, 0);
  const issues = enabled.reduce((n, r) => n + r.issues.length, 0);
  const parts = [
    `${plural(synced.length, 'feed')} synced${unchanged > 0 ? ` (${unchanged} unchanged)` : ''}, ` +
      plural(fresh, 'new release'),
    ...enabled
      .filter((r) => r.outcome === 'failed')
      .map((r) => `${r.feed} failed: ${clip(r.error?.message ?? 'no reason given')}`),
    ...(issues > 0 ? [`${plural(issues, 'record issue')}`] : []),
  ];
  return parts.join('; ');
}

/** "jamf 500 hosts, fleet 120; 3 issues" (and which source failed, and why). */
export function inventoryOutcome(summary: InventorySyncSummary): string {
  if (summary.sources.length === 0) return '0 hosts: no inventory source configured';
  const read = summary.sources
    .filter((s) => s.outcome === 'ok')
    .map((s, i) => `${s.source} ${i === 0 ? plural(s.hostsSeen, 'host') : s.hostsSeen}`);
  const failed = summary.sources
    .filter((s) => s.outcome === 'failed')
    .map((s) => `${s.source} failed: ${clip(s.error?.message ?? 'no reason given')}`);
  const issues = summary.sources.reduce((n, s) => n + s.issues.length, 0);
  return [
    ...(read.length > 0 ? [read.join(', ')] : []),
    ...failed,
    ...(issues > 0 ? [plural(issues, 'issue')] : []),
    ...(summary.inactiveHosts > 0 ? [`${plural(summary.inactiveHosts, 'host')} inactive`] : []),
  ].join('; ');
}

/** "findings refreshed: 2 products and 14 hosts changed, 310 findings written", or that nothing changed. */
export function snapshotOutcome(r: RefreshSummary): string {
  const changed = r.productsChanged.length > 0 || r.hostsChanged > 0;
  const what = changed
    ? `${plural(r.productsChanged.length, 'product')} and ${plural(r.hostsChanged, 'host')} changed, ` +
      `${plural(r.written, 'finding')} written`
    : 'nothing changed since the last refresh';
  return `${r.mode === 'full' ? 'Full refresh' : 'Findings refreshed'}: ${what}; trend point recorded`;
}

/** When one person who was not due is next due, in their own zone. */
export interface NextDue {
  readonly at: Date;
  readonly tz: string;
}

/** Past this, a weekday alone could be read as today's: "Tuesday 10:00" said on a Tuesday at 11:00. */
const DATED_AFTER_MS = 6 * 86_400_000;

/**
 * "Tuesday 10:00" as the clock on the wall in `tz` reads it; "Tuesday 8 Dec 10:00" when it is
 * more than six days after `now` (a weekly digest just sent: next week's, not today's).
 */
export function localLabel(at: Date, tz: string, now?: Date): string {
  const dated = now !== undefined && at.getTime() - now.getTime() > DATED_AFTER_MS;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    weekday: 'long',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const day = dated ? `${part('weekday')} ${part('day')} ${part('month')}` : part('weekday');
  return `${day} ${part('hour')}:${part('minute')}`;
}

/**
 * The earliest next-due time: "Tuesday 10:00 Europe/Paris", or "Tuesday 10:00 in their zone"
 * when everyone not due is due at the same local time (the usual case: one configured window).
 */
export function whenNextDue(next: readonly NextDue[], now?: Date): string | null {
  const first = [...next].sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  if (!first) return null;
  const label = localLabel(first.at, first.tz, now);
  const zones = new Set(next.map((n) => n.tz));
  const sameLocal = next.every((n) => localLabel(n.at, n.tz, now) === label);
  return sameLocal && zones.size > 1 ? `${label} in their zone` : `${label} ${first.tz}`;
}

/** What the reminder job needs to say what it did. */
export interface RemindersFacts {
  /** False: no Slack token, so no cycle ran. */
  readonly slackConfigured: boolean;
  readonly people: readonly Pick<PersonOutcome, 'outcome' | 'reason'>[];
  /** Next due time of each person whose outcome was 'not-due' (those it could be worked out for). */
  readonly nextDue: readonly NextDue[];
  /** How near a deadline must be before a digest mentions it (NEAR_DAYS). */
  readonly nearDays: number;
  /** When the cycle ran: a next due time more than six days on is dated (localLabel). */
  readonly now?: Date;
  /** Computers with something to update and no owner: nobody to DM about them. */
  readonly hostsWithoutOwner?: number;
}

/** Outcomes that reached nobody, and why, grouped: "2 failed (users_not_found, channel_not_found)". */
function failures(people: RemindersFacts['people']): string | null {
  const failed = people.filter((p) => p.outcome === 'failed' || p.outcome === 'no-slack-user');
  if (failed.length === 0) return null;
  const reasons = [...new Set(failed.map((p) => clip(p.reason ?? 'no reason given')))];
  const shown = reasons.slice(0, 3).join(', ') + (reasons.length > 3 ? ', …' : '');
  return `${failed.length} failed (${shown})`;
}

/** Outcomes that are neither sent, failed nor not due, in words; any other shows as its name. */
const OTHER_WORDS: Readonly<Record<string, string>> = {
  'already-sent': "already had this cycle's digest",
  'retry-later': 'to retry later (Slack busy)',
  unknown: 'unconfirmed (Slack did not answer; not re-sent)',
  'control-group': 'held back (control group)',
};

/**
 * "14 DMs sent, 2 failed (users_not_found); 86 people not due: next due Tuesday 10:00
 * Europe/Paris", or when none went out, why: "0 DMs: nobody due until Tuesday 10:00 in their
 * zone", "0 DMs: nothing overdue or due within 7 days", "0 DMs: Slack is not configured".
 */
export function remindersOutcome(facts: RemindersFacts): string {
  if (!facts.slackConfigured) return '0 DMs: Slack is not configured (slack.token)';
  const { people } = facts;
  if (people.length === 0) {
    // Not "nothing overdue" when the fleet's overdue computers simply have no owner to tell.
    const ownerless = facts.hostsWithoutOwner ?? 0;
    if (ownerless > 0)
      return `0 DMs: nobody to tell; ${plural(ownerless, 'computer')} with updates to make ${ownerless === 1 ? 'has' : 'have'} no owner`;
    return `0 DMs: nothing overdue or due within ${facts.nearDays} days`;
  }
  const count = (...outcomes: string[]): number =>
    people.filter((p) => outcomes.includes(p.outcome)).length;
  const sent = count('sent', 'recovered');
  const notDue = count('not-due');
  const next = whenNextDue(facts.nextDue, facts.now);
  const failed = failures(people);
  const known = ['sent', 'recovered', 'not-due', 'failed', 'no-slack-user'];
  const others = new Map<string, number>();
  for (const p of people)
    if (!known.includes(p.outcome)) others.set(p.outcome, (others.get(p.outcome) ?? 0) + 1);
  const rest = [...others].map(([outcome, n]) => `${n} ${OTHER_WORDS[outcome] ?? outcome}`);
  if (sent === 0 && !failed && rest.length === 0)
    return `0 DMs: nobody due${next ? ` until ${next}` : ' now'}`;
  const head = [`${plural(sent, 'DM')} sent`, ...(failed ? [failed] : []), ...rest].join(', ');
  if (notDue === 0) return head;
  const who = `${plural(notDue, 'person', 'people')} not due`;
  return `${head}; ${who}${next ? `: next due ${next}` : ''}`;
}
