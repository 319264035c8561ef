import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Db } from '../../../platform/db/db.js';
import { liveSince } from './enroll-policy.js';
import type { LineIssue, QueryState } from './result-log.js';
import type { ResultRow } from './schema.js';
import type { OsqueryTables } from './tables.js';

/** A node key is a bearer secret: only its sha256 is kept, so a database dump cannot replay it. */
export function hashNodeKey(nodeKey: string): string {
  return createHash('sha256').update(nodeKey, 'utf8').digest('hex');
}

export interface EnrolledNode {
  readonly hostIdentifier: string;
  readonly platformType: string | null;
  /** The enroll request's host_details (os_version, system_info, ...). */
  readonly hostDetails: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly enrolledAt: string;
  readonly lastSeenAt: string;
  readonly lastIssues: readonly LineIssue[];
  /**
   * Enrollments refused because this node was live: someone else presented its host identifier
   * (or the Mac was reinstalled within `liveFor`). Absent when there were none.
   */
  readonly refusedEnrollments?: RefusedEnrollments;
}

export interface RefusedEnrollments {
  readonly count: number;
  readonly lastAt: string;
  /** The client address of the last refused enrollment. */
  readonly lastFrom: string | null;
}

/** A node with the latest rows of each of its queries, as the connector reads it. */
export interface NodeWithResults extends EnrolledNode {
  readonly results: ReadonlyMap<string, QueryState>;
}

export interface EnrollInput {
  readonly hostIdentifier: string;
  readonly nodeKey: string;
  readonly platformType: string | null;
  readonly hostDetails: Readonly<Record<string, unknown>>;
  /** The client address, kept on the node when the enrollment is refused. */
  readonly from: string;
}

/**
 * What became of an enrollment: a new host identifier, a new key for a node that was not live
 * (its old key stops working), or refused because the node holding the identifier is live.
 */
export type EnrollOutcome =
  | { readonly outcome: 'enrolled' }
  | { readonly outcome: 're-enrolled'; readonly previousKeyUsedAt: string | null }
  | { readonly outcome: 'refused'; readonly keyUsedAt: string | null };

type NodeRow = Selectable<OsqueryTables['osquery_nodes']>;

function toNode(row: NodeRow): EnrolledNode {
  return {
    hostIdentifier: row.host_identifier,
    platformType: row.platform_type,
    hostDetails: JSON.parse(row.host_details) as EnrolledNode['hostDetails'],
    enrolledAt: row.enrolled_at,
    lastSeenAt: row.last_seen_at,
    lastIssues: JSON.parse(row.last_issues) as LineIssue[],
    ...(Number(row.refused_enrolls) > 0 && row.last_refused_at !== null
      ? {
          refusedEnrollments: {
            count: Number(row.refused_enrolls),
            lastAt: row.last_refused_at,
            lastFrom: row.last_refused_from,
          },
        }
      : {}),
  };
}

/** The osquery TLS API's SQL: nodes and the latest rows of each scheduled query per node. */
export class OsqueryStore {
  constructor(private readonly db: Db) {}

  // These tables belong to this plugin; the shared Database type need not know them.
  private get k(): Kysely<OsqueryTables> {
    return this.db.kysely as unknown as Kysely<OsqueryTables>;
  }

  /**
   * Record an enrollment, unless the host identifier belongs to a live node (enroll-policy.ts):
   * then the live node keeps its key and the refusal is counted on it. A node that was not live
   * gets the new key, its old one stops working, and its results are kept.
   *
   * The decision is the conflict clause's WHERE, so two enrollments racing for one identifier
   * cannot both pass a check made before either wrote.
   */
  async enroll(input: EnrollInput, now: Date, liveForMs: number): Promise<EnrollOutcome> {
    const at = now.toISOString();
    const before = await this.k
      .selectFrom('osquery_nodes')
      .select('key_used_at')
      .where('host_identifier', '=', input.hostIdentifier)
      .executeTakeFirst();
    const values = {
      node_key_hash: hashNodeKey(input.nodeKey),
      platform_type: input.platformType,
      host_details: JSON.stringify(input.hostDetails),
      enrolled_at: at,
      last_seen_at: at,
      key_used_at: null,
    };
    const since = liveSince(now, liveForMs);
    const res = await this.k
      .insertInto('osquery_nodes')
      .values({ host_identifier: input.hostIdentifier, last_issues: '[]', ...values })
      .onConflict((oc) =>
        oc
          .column('host_identifier')
          .doUpdateSet(values)
          .where((eb) =>
            eb.or([
              eb('osquery_nodes.key_used_at', 'is', null),
              eb('osquery_nodes.key_used_at', '<=', since),
            ]),
          ),
      )
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0)
      return before
        ? { outcome: 're-enrolled', previousKeyUsedAt: before.key_used_at }
        : { outcome: 'enrolled' };
    await this.k
      .updateTable('osquery_nodes')
      .set((eb) => ({
        refused_enrolls: eb('refused_enrolls', '+', 1),
        last_refused_at: at,
        last_refused_from: input.from.slice(0, 100),
      }))
      .where('host_identifier', '=', input.hostIdentifier)
      .execute();
    return { outcome: 'refused', keyUsedAt: before?.key_used_at ?? null };
  }

  /** The node holding this key, or undefined (unknown or superseded by a re-enroll). */
  async nodeByKey(nodeKey: string): Promise<EnrolledNode | undefined> {
    const row = await this.k
      .selectFrom('osquery_nodes')
      .selectAll()
      .where('node_key_hash', '=', hashNodeKey(nodeKey))
      .executeTakeFirst();
    return row ? toNode(row) : undefined;
  }

  /** A request with the node's key: the node is seen, and its key in use (enroll-policy.ts). */
  async touch(hostIdentifier: string, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.k
      .updateTable('osquery_nodes')
      .set({ last_seen_at: at, key_used_at: at })
      .where('host_identifier', '=', hostIdentifier)
      .execute();
  }

  async resultsOf(hostIdentifier: string): Promise<Map<string, QueryState>> {
    const rows = await this.k
      .selectFrom('osquery_results')
      .selectAll()
      .where('host_identifier', '=', hostIdentifier)
      .execute();
    return new Map(rows.map((r) => [r.query_name, toState(r)]));
  }

  /** Store one result log's outcome: changed queries, the line issues, and the visit. */
  async recordResults(
    hostIdentifier: string,
    changed: ReadonlyMap<string, QueryState>,
    issues: readonly LineIssue[],
    now: Date,
  ): Promise<void> {
    const at = now.toISOString();
    await this.k.transaction().execute(async (trx) => {
      for (const [query, state] of changed) {
        const values = {
          rows_json: JSON.stringify(state.rows),
          observed_at: state.observedAt,
          counter: state.counter,
          updated_at: at,
        };
        await trx
          .insertInto('osquery_results')
          .values({ host_identifier: hostIdentifier, query_name: query, ...values })
          .onConflict((oc) => oc.columns(['host_identifier', 'query_name']).doUpdateSet(values))
          .execute();
      }
      await trx
        .updateTable('osquery_nodes')
        .set({ last_seen_at: at, key_used_at: at, last_issues: JSON.stringify(issues) })
        .where('host_identifier', '=', hostIdentifier)
        .execute();
    });
  }

  /** Nodes after `after` in host identifier order, with their results: one connector page. */
  async pageOfNodes(after: string | null, limit: number): Promise<NodeWithResults[]> {
    let q = this.k.selectFrom('osquery_nodes').selectAll().orderBy('host_identifier').limit(limit);
    if (after !== null) q = q.where('host_identifier', '>', after);
    const nodes = await q.execute();
    if (nodes.length === 0) return [];
    const results = await this.k
      .selectFrom('osquery_results')
      .selectAll()
      .where(
        'host_identifier',
        'in',
        nodes.map((n) => n.host_identifier),
      )
      .execute();
    const byHost = new Map<string, Map<string, QueryState>>();
    for (const r of results) {
      const m = byHost.get(r.host_identifier) ?? new Map<string, QueryState>();
      m.set(r.query_name, toState(r));
      byHost.set(r.host_identifier, m);
    }
    return nodes.map((n) => ({
      ...toNode(n),
      results: byHost.get(n.host_identifier) ?? new Map(),
    }));
  }

  async countNodes(): Promise<number> {
    const row = await this.k
      .selectFrom('osquery_nodes')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    // PostgreSQL returns count(*) as a string (bigint), SQLite as a number.
    return Number(row.n);
  }
}

function toState(r: OsqueryTables['osquery_results']): QueryState {
  return {
    rows: JSON.parse(r.rows_json) as ResultRow[],
    observedAt: r.observed_at,
    counter: Number(r.counter),
  };
}
