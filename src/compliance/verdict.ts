import type { Finding } from './model.js';

const DAY_MS = 86_400_000;

/**
 * What evaluation decides for one host x product, independent of the clock: a host that is
 * behind carries its deadline, and whether that makes it pending or overdue is decided when the
 * verdict is read. This is what the findings table stores.
 */
export interface Verdict {
  readonly status: 'current' | 'behind' | 'unsupported' | 'unknown';
  /** The host's track; null when the product has one track. */
  readonly track: string | null;
  readonly required: string | null;
  readonly requiredReleasedAt: string | null;
  /** For `behind`: when pending turns overdue (ISO 8601). */
  readonly dueAt: string | null;
  readonly exploitedCves: readonly string[];
  readonly cveCount: number;
  /**
   * Words for every status but `behind`, whose words depend on now (see describeBehind); for
   * `behind`, a note those words end with (the host judged against another platform's releases).
   */
  readonly reason: string | null;
}

/** The identity and version a verdict is about. */
export interface VerdictSubject {
  readonly hostId: string;
  readonly product: string;
  readonly productName: string;
  readonly installed: string;
}

/** A verdict as of `now`: the Finding every report, page and digest shows. */
export function findingAt(subject: VerdictSubject, v: Verdict, now: Date): Finding {
  const base = {
    ...subject,
    track: v.track,
    required: v.required,
    requiredReleasedAt: v.requiredReleasedAt,
    exploitedCves: v.exploitedCves,
    cveCount: v.cveCount,
  };
  if (v.status !== 'behind' || v.dueAt === null) {
    return {
      ...base,
      status: v.status === 'behind' ? 'unknown' : v.status,
      deadline: null,
      daysOverdue: 0,
      reason: v.reason ?? '',
    };
  }
  const due = Date.parse(v.dueAt);
  const late = now.getTime() >= due;
  const daysOverdue = late ? Math.floor((now.getTime() - due) / DAY_MS) : 0;
  return {
    ...base,
    status: late ? 'overdue' : 'pending',
    deadline: v.dueAt,
    daysOverdue,
    reason: describeBehind(subject, v, late, daysOverdue),
  };
}

function describeBehind(s: VerdictSubject, v: Verdict, late: boolean, daysOverdue: number): string {
  const security = securityNote(v.exploitedCves);
  const required = v.required ?? '?';
  const note = v.reason ? `; ${v.reason}` : '';
  return late
    ? `${s.productName} ${s.installed} is ${daysOverdue} ${daysOverdue === 1 ? 'day' : 'days'} overdue for ${required}${security}${note}`
    : `${s.productName} ${s.installed} should be updated to ${required} by ${(v.dueAt ?? '').slice(0, 10)}${security}${note}`;
}

/** Short enough for a digest line: the ids when there are one or two, a count beyond. */
function securityNote(exploited: readonly string[]): string {
  if (exploited.length === 0) return '';
  if (exploited.length <= 2) return ` (fixes actively exploited ${exploited.join(' and ')})`;
  return ` (fixes ${exploited.length} actively exploited CVEs)`;
}
