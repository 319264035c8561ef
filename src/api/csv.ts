/**
 * CSV encoding (RFC 4180) for exports that admins open in a spreadsheet. Pure: cells in, text out.
 */

/** What a cell may hold: null and undefined are empty cells. */
export type CsvCell = string | number | boolean | null | undefined;

/** RFC 4180 line end: spreadsheets and csv-parse read it everywhere. */
export const CSV_EOL = '\r\n';

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV Injection"):
// a host name like `=HYPERLINK(...)` reported by a machine must stay text. Google Sheets,
// LibreOffice and converters drop leading whitespace before they look, so ` =cmd` (or a
// no-break space before it) counts too; a leading TAB, CR, LF or NUL is suspect on its own
// (OWASP, ASVS 1.2.10).
const FORMULA_START = /^(?:[\t\r\n\0]|\s*[=+\-@])/;
// Fields holding a separator, a quote or a line break must be quoted, or the row splits. `;` is
// the separator of spreadsheets in many locales: unquoted, `a;=cmd` opens as two cells, the
// second a formula (OWASP names both separators).
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * One field: strings starting like a formula get a leading single quote, then anything with a
 * comma, semicolon, quote, CR or LF is quoted with its quotes doubled. Numbers are written as numbers
 * (a negative count is not a formula); non-finite numbers are empty.
 */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRow(cells: readonly CsvCell[]): string {
  return cells.map(csvField).join(',') + CSV_EOL;
}

/** Several records in one string: a page is written as one chunk, not one write per row. */
export function csvRows(rows: readonly (readonly CsvCell[])[]): string {
  let out = '';
  for (const r of rows) out += csvRow(r);
  return out;
}

/**
 * The file name of an export, dated by the day (UTC) it was made: `patchbay-hosts-2026-11-30.csv`.
 * `name` comes from our own code, never from a request.
 */
export function csvFilename(name: string, now: Date): string {
  return `patchbay-${name}-${now.toISOString().slice(0, 10)}.csv`;
}

/** A list cell (CVE ids, sources): space-separated, since commas would need quoting. */
export function csvList(items: readonly string[]): string {
  return items.join(' ');
}
