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
 * only as the client reads, so a slow download holds one page in memory, not the fleet.
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
 * Answer with the export as an attachment. A failure after the first bytes can only cut the
 * download short (the status line is gone); Fastify logs it and closes the connection.
 */
export function sendCsv<I>(
  reply: FastifyReply,
  spec: CsvExport<I>,
  input: I,
  now: Date,
): FastifyReply {
  return reply
    .code(200)
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${csvFilename(spec.name, now)}"`)
    .send(Readable.from(csvChunks(spec.columns, spec.pages(input))));
}

/** `?format=csv` lets a plain link (which cannot set Accept) download the CSV. */
export const formatQuery = {
  format: z
    .enum(['json', 'csv'])
    .optional()
    .describe('csv: every matching row as a CSV file (as Accept: text/csv); json by default'),
};

/**
 * CSV only when asked for: `?format=csv`, or text/csv named in Accept (with a q above zero).
 * `*\/*` and JSON clients keep getting JSON.
 */
export function wantsCsv(accept: string | undefined, format: unknown): boolean {
  if (format === 'csv') return true;
  if (format === 'json') return false;
  return (
    accept?.split(',').some((range) => {
      const [type, ...params] = range.split(';').map((p) => p.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return type === 'text/csv' && (q === undefined || Number(q.slice(2)) > 0);
    }) ?? false
  );
}
