import { z } from 'zod';
import { defineRoute, type ApiRoute } from './route-def.js';

/** What the API needs of the job scheduler (owned elsewhere; passed in by the route table). */
export interface JobsPort {
  status(): Promise<unknown[]>;
  /** Queue or start the named job; throws a PatchbayError (E_NOT_FOUND) for an unknown name. */
  runNow(name: string): Promise<void>;
}

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
      response: z.array(z.unknown()),
      handle: () => jobs.status(),
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
