import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { csvFilename, csvRow, csvRows, type CsvCell } from './csv.js';

/** One column of an export: a stable snake_case name with its unit, and how a row fills it. */
export interface CsvColumn<T> {
  readonly name: string;
  readonly description: string;
  cell(row: T): CsvCell;
}

/** A column, written as one line in the column tables. */
export const csvColumn = <T>(
  name: string,
  description: string,
  cell: CsvColumn<T>['cell'],
): CsvColumn<T> => ({ name, description, cell });

/** A column as the OpenAPI document and the docs list it. */
export interface CsvColumnDoc {
  readonly name: string;
  readonly description: string;
}

/**
 * A CSV download of some rows: the file name's stem (`hosts` -> patchbay-hosts-<date>.csv), its
 * columns, and the rows of a request page by page.
 */
export interface CsvExport<I> {
  readonly name: string;
  readonly columns: readonly CsvColumnDoc[];
  /** Every matching row, in pages, for this request (paging parameters do not apply). */
  pages(input: I): AsyncIterable<readonly (readonly CsvCell[])[]>;
}

/** Tie typed rows to their columns: the export reads pages of T and writes cells. */
export function csvExport<I, T>(
  name: string,
  columns: readonly CsvColumn<T>[],
  read: (input: I) => AsyncIterable<readonly T[]>,
): CsvExport<I> {
  return {
    name,
    columns: columns.map((c) => ({ name: c.name, description: c.description })),
    async *pages(input) {
      for await (const page of read(input))
        yield page.map((row) => columns.map((c) => c.cell(row)));
    },
  };
}

/**
 * The file's text: the header row, then each page as one chunk. After every page the event loop
 * gets a turn, so a 100,000-row export never holds other requests up for long; pages are pulled
 * only as the client reads (Readable.from buffers one chunk), so a slow download holds a page or
 * two in memory, not the fleet.
 */
export async function* csvChunks(
  columns: readonly CsvColumnDoc[],
  pages: AsyncIterable<readonly (readonly CsvCell[])[]>,
): AsyncGenerator<string> {
  yield csvRow(columns.map((c) => c.name));
  for await (const page of pages) {
    if (page.length > 0) yield csvRows(page);
    await nextTurn();
  }
}

/**
 * Answer with the export as an attachment. The first page is read before the status line, so a
 * database that fails up front gives the usual error answer (JSON 500 for the API) rather than a
 * 200 with a lone header row; a failure after that can only cut the download short (the status
 * line is gone): Fastify logs it and closes the connection.
 */
export async function sendCsv<I>(
  reply: FastifyReply,
  spec: CsvExport<I>,
  input: I,
  now: Date,
): Promise<FastifyReply> {
  const chunks = csvChunks(spec.columns, spec.pages(input));
  const header = await chunks.next();
  const first = await chunks.next();
  async function* all(): AsyncGenerator<string> {
    try {
      if (!header.done) yield header.value;
      if (first.done) return;
      yield first.value;
      yield* chunks;
    } finally {
      // A client that leaves early ends the read of pages too.
      await chunks.return(undefined);
    }
  }
  return reply
    .code(200)
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${csvFilename(spec.name, now)}"`)
    .send(Readable.from(all()));
}

/** `?format=csv` lets a plain link (which cannot set Accept) download the CSV. */
export const formatQuery = {
  format: z
    .enum(['json', 'csv'])
    .optional()
    .describe('csv: every matching row as a CSV file (as Accept: text/csv); json by default'),
};

/**
 * CSV only when asked for: `?format=csv`, or text/csv named in Accept with a q above zero and at
 * least the q JSON gets there (RFC 9110 12.5.1: `application/json, text/csv;q=0.5` prefers JSON).
 * `*\/*` and JSON clients keep getting JSON; on a tie the named text/csv wins.
 */
export function wantsCsv(
  accept: string | undefined,
  format: unknown,
  // The route's other answers: a listing that streams NDJSON too compares with it as well.
  others: readonly string[] = ['application/json'],
): boolean {
  if (format === 'csv') return true;
  if (format === 'json') return false;
  return asksFor(accept, 'text/csv', others);
}

/**
 * Whether Accept names `type` itself (not through a wildcard) with a q above zero and at least
 * the q of each of the route's other answers: an explicit ask, weighed by its q-values.
 */
export function asksFor(
  accept: string | undefined,
  type: string,
  others: readonly string[],
): boolean {
  if (!accept) return false;
  const ranges = acceptRanges(accept);
  const q = ranges.find((r) => r.type === type)?.q ?? 0;
  return q > 0 && others.every((other) => q >= qualityOf(ranges, other));
}

interface AcceptRange {
  readonly type: string;
  readonly q: number;
}

/** Media ranges of an Accept header, lower-cased, each with its q (1 when absent). */
function acceptRanges(accept: string): AcceptRange[] {
  return accept.split(',').map((range) => {
    const [type = '', ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    // An unreadable q accepts nothing rather than everything.
    const value = q === undefined ? 1 : Number(q.slice(2));
    return { type, q: Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0 };
  });
}

/** The q of a media type: the most specific range that matches it (type/sub, type/*, then *\/*). */
function qualityOf(ranges: readonly AcceptRange[], mediaType: string): number {
  const [major] = mediaType.split('/');
  for (const type of [mediaType, `${major}/*`, '*/*']) {
    const hit = ranges.find((r) => r.type === type);
    if (hit) return hit.q;
  }
  return 0;
}
