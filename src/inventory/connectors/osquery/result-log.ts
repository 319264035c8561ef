import type { z } from 'zod';
import { QUERY_NAMES } from './config.js';
import {
  batchLineSchema,
  eventLineSchema,
  snapshotLineSchema,
  type BatchLine,
  type EventLine,
  type ResultRow,
  type SnapshotLine,
} from './schema.js';

/**
 * Result logs -> the latest rows of each query. Pure: the store reads the current state, this
 * computes the next one, the store writes it.
 */

export type ResultLine = SnapshotLine | EventLine | BatchLine;

/** The rows a query last returned on one host. */
export interface QueryState {
  readonly rows: readonly ResultRow[];
  /** When osqueryd ran the query (its unixTime), ISO 8601 UTC. */
  readonly observedAt: string;
  /** osquery's run counter: 0 is a first run (a full result), then 1, 2, ... */
  readonly counter: number;
}

/** A log line that could not be used; the others in the request still are. */
export interface LineIssue {
  /** `data[3]`, or `data[3] (patchbay_apps)` when the query name was readable. */
  readonly record: string;
  readonly field: string;
  readonly message: string;
}

/**
 * The last second a JavaScript date can hold (8.64e15 ms). The schema takes any non-negative
 * integer; a node sending a larger unixTime made toISOString throw and lost its whole request.
 */
const MAX_UNIX_TIME = 8.64e12;

function schemaFor(line: Record<string, unknown>): z.ZodType<ResultLine> | null {
  if (line.action === 'snapshot') return snapshotLineSchema;
  if (line.action === 'added' || line.action === 'removed') return eventLineSchema;
  if ('diffResults' in line) return batchLineSchema;
  return null;
}

/**
 * Check each line of a `result` log request. Lines of queries Patchbay did not schedule are
 * skipped silently (an admin may run their own packs through the same osqueryd).
 */
export function parseResultLines(data: readonly unknown[]): {
  lines: ResultLine[];
  issues: LineIssue[];
} {
  const lines: ResultLine[] = [];
  const issues: LineIssue[] = [];
  data.forEach((raw, i) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      issues.push({ record: `data[${i}]`, field: '(line)', message: 'not a JSON object' });
      return;
    }
    const line = raw as Record<string, unknown>;
    const name = typeof line.name === 'string' ? line.name : null;
    if (name !== null && !QUERY_NAMES.has(name)) return;
    const record = name ? `data[${i}] (${name})` : `data[${i}]`;
    const schema = schemaFor(line);
    if (!schema) {
      issues.push({ record, field: 'action', message: 'neither a snapshot, an event nor a batch' });
      return;
    }
    const res = schema.safeParse(line);
    if (res.success && res.data.unixTime > MAX_UNIX_TIME) {
      issues.push({ record, field: 'unixTime', message: 'not a time a query can have run at' });
    } else if (res.success) lines.push(res.data);
    else
      for (const issue of res.error.issues)
        issues.push({
          record,
          field: issue.path.map(String).join('.') || '(line)',
          message: issue.message,
        });
  });
  return { lines, issues };
}

// Rows are compared by value; key order in osquery's JSON is not guaranteed.
const rowKey = (row: ResultRow): string =>
  JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [k, row[k]]),
  );

function withChanges(
  rows: readonly ResultRow[],
  added: readonly ResultRow[],
  removed: readonly ResultRow[],
): ResultRow[] {
  const gone = new Set(removed.map(rowKey));
  const kept = rows.filter((r) => !gone.has(rowKey(r)));
  const have = new Set(kept.map(rowKey));
  for (const r of added) if (!have.has(rowKey(r))) kept.push(r);
  return kept;
}

/**
 * Apply lines in order to the current state of each query, returning the queries that changed.
 * A snapshot replaces the rows. A differential of a first run (counter 0) starts from nothing,
 * once per run; later runs add and remove rows from what was there.
 */
export function applyResultLines(
  current: ReadonlyMap<string, QueryState>,
  lines: readonly ResultLine[],
): Map<string, QueryState> {
  const next = new Map<string, QueryState>();
  for (const line of lines) {
    const observedAt = new Date(line.unixTime * 1000).toISOString();
    const before = next.get(line.name) ?? current.get(line.name);
    if ('snapshot' in line) {
      next.set(line.name, { rows: line.snapshot, observedAt, counter: line.counter });
      continue;
    }
    const sameFirstRun = before?.counter === 0 && before.observedAt === observedAt;
    const base = line.counter === 0 && !sameFirstRun ? [] : (before?.rows ?? []);
    const [added, removed] =
      'diffResults' in line
        ? [line.diffResults.added, line.diffResults.removed]
        : line.action === 'added'
          ? [[line.columns], []]
          : [[], [line.columns]];
    next.set(line.name, {
      rows: withChanges(base, added, removed),
      observedAt,
      counter: line.counter,
    });
  }
  return next;
}
