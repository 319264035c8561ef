import { z } from 'zod';
import type { FindingStatus } from '../compliance/model.js';
import { computeFindings } from '../compliance/service.js';
import { complianceDeps, type AppContext } from '../context.js';
import type { Db } from '../platform/db/db.js';
import { PAGE_HEADERS, pageQuery, paginate } from './query.js';
import { defineRoute, type ApiRoute } from './route-def.js';
import { person } from './schemas.js';

type Person = z.input<typeof person>;
type LastDigest = NonNullable<Person['lastDigest']>;

const peopleQuery = z.object({ ...pageQuery }).strict();

/** GET /people: every owner of an active host, their findings by status and their last digest. */
export function peopleRoutes(ctx: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/people',
      operationId: 'listPeople',
      summary: 'Owners with their host count, findings by status and last digest',
      tags: ['reminders'],
      scope: 'read',
      query: peopleQuery,
      response: z.array(person),
      headers: PAGE_HEADERS,
      async handle({ query, req, reply }) {
        const [view, digests] = await Promise.all([
          computeFindings(complianceDeps(ctx), ctx.now()),
          lastDigests(ctx.db),
        ]);
        const people = new Map<string, Person>();
        for (const h of view.hosts.values()) {
          if (!h.active || !h.ownerEmail) continue;
          const p = people.get(h.ownerEmail) ?? newPerson(h.ownerEmail, h.ownerName, digests);
          p.hosts++;
          people.set(h.ownerEmail, p);
        }
        for (const f of view.findings) {
          const email = view.hosts.get(f.hostId)?.ownerEmail;
          const p = email ? people.get(email) : undefined;
          if (p) p.findings[f.status]++;
        }
        const sorted = [...people.values()].sort((a, b) => a.email.localeCompare(b.email));
        return paginate(sorted, query, req, reply);
      },
    }),
  ];
}

function newPerson(
  email: string,
  name: string | null,
  digests: ReadonlyMap<string, LastDigest>,
): Person {
  const findings: Record<FindingStatus, number> = {
    current: 0,
    pending: 0,
    overdue: 0,
    unsupported: 0,
    unknown: 0,
  };
  return { email, name, hosts: 0, findings, lastDigest: digests.get(email) ?? null };
}

/** Each person's most recent digest, in one query rather than one per person. */
async function lastDigests(db: Db): Promise<Map<string, LastDigest>> {
  const rows = await db.kysely
    .selectFrom('digests as d')
    .select(['d.email', 'd.cycle', 'd.status', 'd.created_at', 'd.sent_at'])
    .where('d.created_at', '=', (eb) =>
      eb
        .selectFrom('digests as d2')
        .select((e) => e.fn.max('d2.created_at').as('latest'))
        .whereRef('d2.email', '=', 'd.email'),
    )
    .orderBy('d.email')
    .orderBy('d.cycle', 'desc')
    .execute();
  const out = new Map<string, LastDigest>();
  for (const r of rows)
    if (!out.has(r.email))
      out.set(r.email, {
        cycle: r.cycle,
        status: r.status,
        createdAt: r.created_at,
        sentAt: r.sent_at,
      });
  return out;
}
