import { PatchbayError } from '../errors/errors.js';

/** The largest interval the `integer` column holds on both dialects (about 24.8 days). */
export const MAX_INTERVAL_MS = 2_147_483_647;

/** `now + ms` as ISO text, the form every time column uses. */
export function isoAfter(now: Date, ms: number): string {
  return new Date(now.getTime() + ms).toISOString();
}

/**
 * The first point of the schedule's grid (`due + k * everyMs`) strictly after `now`. Missed due
 * times (the server was down all night) collapse into the one run being enqueued rather than a
 * burst of catch-up runs, and staying on the grid keeps every process computing the same time.
 */
export function nextDueAfter(dueIso: string, everyMs: number, now: Date): string {
  const due = Date.parse(dueIso);
  const steps = Math.max(1, Math.floor((now.getTime() - due) / everyMs) + 1);
  return new Date(due + steps * everyMs).toISOString();
}

/** 30 s, 1 min, 2 min, ... capped at one hour: the delay before retry number `attempt + 1`. */
export function defaultBackoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/** Reject schedules a database or a handler table cannot honour, naming each problem. */
export function checkSchedules(
  schedules: readonly { name: string; everyMs: number }[],
  handlerNames: readonly string[],
): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const s of schedules) {
    if (seen.has(s.name)) problems.push(`${s.name}: scheduled twice`);
    seen.add(s.name);
    if (!handlerNames.includes(s.name)) problems.push(`${s.name}: no handler`);
    if (!Number.isInteger(s.everyMs) || s.everyMs < 1 || s.everyMs > MAX_INTERVAL_MS)
      problems.push(`${s.name}: everyMs must be an integer from 1 to ${MAX_INTERVAL_MS}`);
  }
  if (problems.length > 0)
    throw new PatchbayError('E_CONFIG_INVALID', `Bad job schedules: ${problems.join('; ')}`, {
      problems,
    });
}
