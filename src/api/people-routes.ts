import { z } from 'zod';
import type { FindingStatus } from '../compliance/model.js';
import { sql } from 'kysely';
import { statusCountsBy } from '../compliance/findings-pages.js';
import type { AppContext } from '../context.js';
import type { Db } from '../platform/db/db.js';
import { PAGE_HEADERS, pageHeaders, pageQuery } from './query.js';
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
        // One page of owners in SQL, then their counts and digests for that page only.
        const now = ctx.now();
        const owners = ctx.db.kysely
          .selectFrom('hosts')
          .where('active', '=', 1)
          .where('owner_email', 'is not', null);
        const [totalRow, page] = await Promise.all([
          owners
            .select(sql<string | number>`count(distinct owner_email)`.as('n'))
            .executeTakeFirst(),
          owners
            .select((eb) => [
              'owner_email',
              eb.fn.max('owner_name').as('owner_name'),
              eb.fn.countAll<string | number>().as('hosts'),
            ])
            .groupBy('owner_email')
            .orderBy('owner_email')
            .limit(query.limit)
            .offset(query.offset)
            .execute(),
        ]);
        const emails = page.map((p) => p.owner_email as string);
        const [counts, digests] = await Promise.all([
          emails.length === 0 ? [] : statusCountsBy(ctx.db, now, { owners: emails }, 'owner'),
          lastDigests(ctx.db, emails),
        ]);
        const people = new Map<string, Person>(
          page.map((p) => [
            p.owner_email as string,
            {
              ...newPerson(p.owner_email as string, p.owner_name, digests),
              hosts: Number(p.hosts),
            },
          ]),
        );
        for (const c of counts) {
          const p = people.get(c.key);
          if (p) p.findings = { ...c.counts };
        }
        pageHeaders(Number(totalRow?.n ?? 0), query, req, reply);
        return [...people.values()];
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

/** Each listed person's most recent digest, in one query rather than one per person. */
async function lastDigests(db: Db, emails: readonly string[]): Promise<Map<string, LastDigest>> {
  if (emails.length === 0) return new Map();
  const rows = await db.kysely
    .selectFrom('digests as d')
    .select(['d.email', 'd.cycle', 'd.status', 'd.created_at', 'd.sent_at'])
    .where('d.created_at', '=', (eb) =>
      eb
        .selectFrom('digests as d2')
        .select((e) => e.fn.max('d2.created_at').as('latest'))
        .whereRef('d2.email', '=', 'd.email'),
    )
    .where('d.email', 'in', [...emails])
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
