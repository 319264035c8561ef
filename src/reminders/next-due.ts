import { scheduleDecision, type ScheduleInput } from './schedule.js';

const MINUTE_MS = 60_000;
/**
 * Every zone's offset is a multiple of 15 minutes, so stepping by 15 minutes from a UTC quarter
 * hour lands on every local quarter hour; a window opening between two steps is found by
 * bisection. (A working window shorter than 15 minutes could be stepped over: no one sets one.)
 */
const STEP_MS = 15 * MINUTE_MS;
/** Weekly cadence with this week's digest sent: next week's day, at most 8 days ahead. */
const HORIZON_MS = 8 * 86_400_000;

/**
 * When this person is next due a digest: `now` when they are due now, else the first minute at
 * which scheduleDecision says due (their working hours, cadence day, zone and this cycle's
 * digest all taken into account). Null when nothing in the next 8 days is due, which a valid
 * config never gives.
 */
export function nextDueAt(input: ScheduleInput, now: Date): Date | null {
  const due = (t: number): boolean => scheduleDecision(input, new Date(t)).due;
  if (due(now.getTime())) return now;
  let before = now.getTime();
  let t = Math.floor(before / STEP_MS) * STEP_MS + STEP_MS;
  const end = before + HORIZON_MS;
  for (; t <= end; before = t, t += STEP_MS) {
    if (!due(t)) continue;
    // Not due at `before`, due at `t`: the window opened in between, on a whole minute.
    let lo = Math.floor(before / MINUTE_MS);
    let hi = t / MINUTE_MS;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (due(mid * MINUTE_MS)) hi = mid;
      else lo = mid;
    }
    return new Date(hi * MINUTE_MS);
  }
  return null;
}
