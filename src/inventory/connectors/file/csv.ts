import { pipeline, Transform, type Readable } from 'node:stream';
import { CsvError, parse, type CastingContext, type Info } from 'csv-parse';
import { PatchbayError } from '../../../platform/errors/errors.js';

/**
 * Reading an export is reading outside data: a file of one endless line, or a header of a
 * million columns, must stop at a limit with an error naming the file and line, not hold the
 * sync for minutes. Both limits sit far above any real export (a header with an app column per
 * installed app is a few hundred columns).
 */
export interface CsvLimits {
  /** Cells in one row, the header included. */
  readonly maxColumns: number;
  /** Characters in one row's cells together (csv-parse's max_record_size). */
  readonly maxRecordChars: number;
}

export const CSV_LIMITS: CsvLimits = { maxColumns: 10_000, maxRecordChars: 1_000_000 };

/** One record, with the line its first field starts on (1-based) for error messages. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/**
 * CRLF and lone CR become LF before parsing: csv-parse counts a CRLF inside quotes as two
 * lines, and one line-end makes every record's line number the line an editor shows.
 */
function normaliseLineEnds(): Transform {
  let pendingCr = false;
  return new Transform({
    decodeStrings: false,
    encoding: 'utf8',
    transform(chunk: string | Buffer, _enc, done) {
      let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      // A CRLF split across two chunks: its CR already became a LF.
      if (pendingCr && text.startsWith('\n')) text = text.slice(1);
      pendingCr = text.endsWith('\r');
      done(null, text.replace(/\r\n?/g, '\n'));
    },
  });
}

/**
 * The records of a CSV text stream, parsed by csv-parse (RFC 4180, streaming): fields optionally
 * in double quotes, `""` a quote inside quotes, line breaks inside quotes, a UTF-8 BOM ignored,
 * blank lines skipped, a stray quote kept as text. Rows of a different length come through as
 * they are: the caller reports them. A quote never closed, a row over the size limit or over
 * the column limit stops the read with E_INVENTORY_PARSE naming `file` and the row's line.
 */
export async function* readCsvRecords(
  input: Readable,
  file: string,
  limits: CsvLimits = CSV_LIMITS,
): AsyncGenerator<CsvRecord> {
  // The last record's last line and csv-parse's count of skipped blank lines by then: a record
  // starts on the line after the previous one, past the blank lines between them.
  let lastLine = 0;
  let lastBlank = 0;
  const starts: number[] = [];
  const startLine = (info: Pick<Info, 'empty_lines'>): number =>
    lastLine + 1 + (info.empty_lines - lastBlank);
  const fail = (line: number, field: string, message: string, extra = {}): PatchbayError =>
    new PatchbayError('E_INVENTORY_PARSE', `${file}: line ${line}: ${message}`, {
      source: 'file',
      file,
      line,
      field,
      ...extra,
    });

  const parser = parse({
    bom: true,
    record_delimiter: '\n',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // Runs as the parser completes each record, ahead of the consumer: the line count it keeps
    // is where the parser is, which the limits and errors below must name. Start lines queue
    // up in record order for the consumer (a stream buffers only a few records).
    on_record: (record: string[], info: Info): string[] => {
      starts.push(startLine(info));
      lastLine = info.lines;
      lastBlank = info.empty_lines;
      return record;
    },
    max_record_size: limits.maxRecordChars,
    // Called as each cell ends, so the column limit stops a huge header at its first excess
    // cell rather than after the whole line is in memory. Whatever it throws ends the parse.
    cast: (value: string, ctx: CastingContext) => {
      if (typeof ctx.index === 'number' && ctx.index >= limits.maxColumns)
        throw fail(
          startLine(ctx),
          `column ${limits.maxColumns + 1}`,
          `more than ${limits.maxColumns} columns`,
          { limit: 'maxColumns', max: limits.maxColumns },
        );
      return value;
    },
  });
  // pipeline destroys every stage when one fails or when the reader stops early.
  pipeline(input, normaliseLineEnds(), parser, () => undefined);

  try {
    for await (const fields of parser as AsyncIterable<string[]>)
      yield { line: starts.shift() ?? lastLine, fields };
  } catch (err) {
    // Ours (the column limit, thrown from cast) and stream errors pass through as they are.
    if (!(err instanceof CsvError)) throw err;
    const info = err as CsvError & Partial<Info>;
    const line = startLine({ empty_lines: info.empty_lines ?? lastBlank });
    if (err.code === 'CSV_QUOTE_NOT_CLOSED')
      throw fail(line, '(row)', 'a quoted field is not closed before the end of the file');
    if (err.code === 'CSV_MAX_RECORD_SIZE')
      throw fail(line, '(row)', `the row is longer than ${limits.maxRecordChars} characters`, {
        limit: 'maxRecordChars',
        max: limits.maxRecordChars,
      });
    throw fail(line, '(row)', err.message);
  }
}
