/**
 * The durable job scheduler: `new JobRunner({...})`, then `start(pollMs)` in `patchbay serve`
 * and `await stop(deadlineMs)` on SIGTERM. See runner.ts for the guarantees.
 */
export { JobRunner } from './runner.js';
export { defaultBackoffMs, nextDueAfter } from './timing.js';
export type {
  JobFinished,
  JobHandler,
  JobOutcomeText,
  JobRunInfo,
  JobRunnerOptions,
  JobSchedule,
  JobStatus,
  Sleep,
} from './types.js';
