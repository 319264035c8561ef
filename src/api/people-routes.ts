import { z } from 'zod';
import type { FindingStatus } from '../compliance/model.js';
import { sql } from 'kysely';
import { statusCountsBy } from '../compliance/findings-pages.js';
import { peopleFiguresOf } from '../compliance/people-pages.js';
import type { AppContext } from '../context.js';
import type { Db } from '../platform/db/db.js';
import { PERSON_COLUMNS } from './csv-columns.js';
import { csvExport, formatQuery } from './csv-export.js';
import { PAGE_HEADERS, pageHeaders, pageQuery } from './query.js';
import { defineRoute, type ApiRoute } from './route-def.js';
import { person } from './schemas.js';

type Person = z.input<typeof person>;
type LastDigest = NonNullable<Person['lastDigest']>;

const peopleQuery = z.object({ ...pageQuery, ...formatQuery }).strict();

/** Owners per page of the CSV export: one IN-list for their counts and digests. */
const PEOPLE_EXPORT_PAGE = 1000;

/**
 * GET /people: every owner of an active host, their findings by status, their computers overdue
 * and pending, and their last digest (a page as JSON, everyone as CSV).
 */
export function peopleRoutes(ctx: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/people',
      operationId: 'listPeople',
      summary:
        'Owners with their host count, findings by status, computers overdue and pending, and last digest',
      tags: ['reminders'],
      scope: 'read',
      query: peopleQuery,
      response: z.array(person),
      headers: PAGE_HEADERS,
      async handle({ query, req, reply }) {
        // One page of owners in SQL, then their counts and digests for that page only.
        const [total, people] = await Promise.all([
          countOwners(ctx.db),
          peoplePage(ctx.db, ctx.now(), { limit: query.limit, offset: query.offset }),
        ]);
        pageHeaders(total, query, req, reply);
        return people;
      },
      // Every owner, in keyset pages on the email (the listing's order).
      csv: csvExport('people', PERSON_COLUMNS, () => streamPeople(ctx.db, ctx.now())),
    }),
  ];
}

/** Owners of active hosts: the rows of the listing before grouping. */
function owners(db: Db) {
  return db.kysely.selectFrom('hosts').where('active', '=', 1).where('owner_email', 'is not', null);
}

async function countOwners(db: Db): Promise<number> {
  const row = await owners(db)
    .select(sql<string | number>`count(distinct owner_email)`.as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One page of people in email order: after an email (keyset) or after `offset` of them. */
async function peoplePage(
  db: Db,
  now: Date,
  page: { readonly limit: number; readonly offset?: number; readonly after?: string },
): Promise<Person[]> {
  const rows = await owners(db)
    .$if(page.after !== undefined, (qb) => qb.where('owner_email', '>', page.after as string))
    .select((eb) => [
      'owner_email',
      eb.fn.max('owner_name').as('owner_name'),
      eb.fn.countAll<string | number>().as('hosts'),
    ])
    .groupBy('owner_email')
    .orderBy('owner_email')
    .limit(page.limit)
    .$if((page.offset ?? 0) > 0, (qb) => qb.offset(page.offset as number))
    .execute();
  const emails = rows.map((p) => p.owner_email as string);
  const [counts, figures, digests] = await Promise.all([
    emails.length === 0 ? [] : statusCountsBy(db, now, { owners: emails }, 'owner'),
    peopleFiguresOf(db, now, emails),
    lastDigests(db, emails),
  ]);
  const people = new Map<string, Person>(
    rows.map((p) => [
      p.owner_email as string,
      { ...newPerson(p.owner_email as string, p.owner_name, digests), hosts: Number(p.hosts) },
    ]),
  );
  for (const c of counts) {
    const p = people.get(c.key);
    if (p) p.findings = { ...c.counts };
  }
  for (const [email, f] of figures) {
    const p = people.get(email);
    if (!p) continue;
    p.computers = {
      withFindings: f.computers,
      overdue: f.computersOverdue,
      pending: f.computersPending,
    };
    p.oldestMissedAt = f.oldestMissed;
  }
  return [...people.values()];
}

/** Every person, a page of PEOPLE_EXPORT_PAGE at a time, each starting after the last email. */
async function* streamPeople(db: Db, now: Date): AsyncGenerator<Person[]> {
  let after: string | undefined;
  for (;;) {
    const page = await peoplePage(db, now, {
      limit: PEOPLE_EXPORT_PAGE,
      ...(after === undefined ? {} : { after }),
    });
    if (page.length > 0) yield page;
    if (page.length < PEOPLE_EXPORT_PAGE) return;
    after = page[page.length - 1]?.email;
  }
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
  return {
    email,
    name,
    hosts: 0,
    findings,
    computers: { withFindings: 0, overdue: 0, pending: 0 },
    oldestMissedAt: null,
    lastDigest: digests.get(email) ?? null,
  };
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
