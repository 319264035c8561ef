import { z } from 'zod';
import type { JobStatus } from '../platform/jobs/index.js';
import { defineRoute, type ApiRoute } from './route-def.js';

/** What the API needs of the job scheduler (owned elsewhere; passed in by the route table). */
export interface JobsPort {
  status(): Promise<unknown[]>;
  /** Queue or start the named job; throws a PatchbayError (E_NOT_FOUND) for an unknown name. */
  runNow(name: string): Promise<void>;
}

const isoTime = z.string().describe('ISO 8601 UTC');

/** One scheduled job as GET /jobs returns it (the runner's JobStatus). */
export const jobStatusSchema = z
  .object({
    name: z.string(),
    everyMs: z.number().int().describe('interval between scheduled runs, in milliseconds'),
    nextRunAt: isoTime.nullable().describe('null when the job is not run by time (the demo)'),
    lastRunAt: isoTime.nullable(),
    lastStatus: z.enum(['succeeded', 'failed', 'retrying']).nullable(),
    lastError: z.string().nullable().describe("the last failure's message; cleared by a success"),
    lastOutcome: z
      .string()
      .nullable()
      .describe(
        'what the last success did, or why it did nothing, in one line ' +
          '("0 DMs: nobody due until Tuesday 10:00 in their zone"); null after a failure',
      ),
    lastDurationMs: z.number().int().nullable(),
    running: z.boolean().describe('a run of this job holds a live lease in some process'),
  })
  .strict();
export type JobStatusBody = z.infer<typeof jobStatusSchema>;

// The runner's status is exactly this body: a field added there without the schema fails here.
const pinned: (s: JobStatus) => JobStatusBody = (s) => s;
void pinned;

const jobParams = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9:._-]{0,99}$/, 'expected a job name like sync-feeds')
      .describe('job name, as GET /jobs lists it'),
  })
  .strict();

/** GET /jobs (last-run status of every scheduled job) and POST /jobs/:name/run (admin). */
export function jobsRoutes(jobs: JobsPort): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/jobs',
      operationId: 'listJobs',
      summary: 'Scheduled jobs with their last run',
      tags: ['jobs'],
      scope: 'read',
      response: z.array(jobStatusSchema),
      // The ports on the way here type rows loosely; the runner's JobStatus is pinned above.
      handle: () => jobs.status() as Promise<JobStatusBody[]>,
    }),
    defineRoute({
      method: 'POST',
      path: '/jobs/:name/run',
      operationId: 'runJob',
      summary: 'Run a job now',
      tags: ['jobs'],
      scope: 'admin',
      params: jobParams,
      status: 202,
      response: z.object({ job: z.string(), accepted: z.literal(true) }),
      async handle({ params }) {
        await jobs.runNow(params.name);
        return { job: params.name, accepted: true as const };
      },
    }),
  ];
}
