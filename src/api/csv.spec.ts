import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString, PROPERTY_RUNS } from '../../test/outside-data.js';
import { csvField, csvFilename, csvList, csvRow, csvRows, type CsvCell } from './csv.js';

describe('csvField', () => {
  it.each<[CsvCell, string]>([
    ['mac-01', 'mac-01'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [0, '0'],
    [-3, '-3'],
    [2.5, '2.5'],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
    [true, 'true'],
    [false, 'false'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['crlf\r\n', '"crlf\r\n"'],
    // Formula injection: a leading = + - @ (after any whitespace), TAB, CR, LF or NUL is
    // neutralised with a single quote.
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['=1+1', "'=1+1"],
    ['+31 20 555', "'+31 20 555"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ['\rstart', '"\'\rstart"'],
    ["it's", "it's"],
    ['a=b', 'a=b'],
    // Sheets and LibreOffice trim leading whitespace before they look for a formula.
    [' =lead space', "' =lead space"],
    ['   +1', "'   +1"],
    ['\u00a0@SUM(A1)', "'\u00a0@SUM(A1)"],
    ['\ttab then =', "'\ttab then ="],
    ['\nnewline first', '"\'\nnewline first"'],
    ['\u0000nul', "'\u0000nul"],
    ['  plain', '  plain'],
    // A semicolon splits the row in spreadsheets of many locales: quoted, it stays one cell.
    ['a;=1+1', '"a;=1+1"'],
  ])('%j -> %j', (cell, want) => {
    expect(csvField(cell)).toBe(want);
  });
});

describe('rows', () => {
  it('joins fields with commas and ends every record with CRLF', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
    expect(
      csvRows([
        ['h1', 'h2'],
        ['x', 'y'],
      ]),
    ).toBe('h1,h2\r\nx,y\r\n');
    expect(csvRows([])).toBe('');
  });

  it('writes lists space-separated and dates the file name in UTC', () => {
    expect(csvList(['CVE-1', 'CVE-2'])).toBe('CVE-1 CVE-2');
    expect(csvFilename('hosts', new Date('2026-11-30T23:59:59Z'))).toBe(
      'patchbay-hosts-2026-11-30.csv',
    );
  });
});

/**
 * What a spreadsheet should show for a string cell: the text, quoted when it looked like a
 * formula, as UTF-8 carries it (a lone surrogate has no UTF-8 form and arrives as U+FFFD).
 */
const shown = (s: string): string =>
  Buffer.from(/^(?:[\t\r\n\0]|\s*[=+\-@])/.test(s) ? `'${s}` : s).toString('utf8');

describe('csv-parse reads back what we write', () => {
  it('the same cells, whatever the strings', () => {
    const cell = fc.oneof(
      hostileString,
      fc.constantFrom(
        '=1+1',
        '@x',
        '-',
        '+',
        '\t',
        '\r',
        '"',
        ',',
        '\r\n',
        '""',
        'a"b,c\nd',
        ' =1',
        '\n@',
        'a;b',
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((width) =>
          fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
            minLength: 1,
            maxLength: 8,
          }),
        ),
        (rows) => {
          const parsed: unknown = parse(Buffer.from(csvRows(rows)), {
            relax_quotes: false,
            bom: false,
          });
          expect(parsed).toEqual(rows.map((r) => r.map(shown)));
        },
      ),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('numbers come back as their decimal text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), {
          minLength: 1,
          maxLength: 5,
        }),
        (nums) => {
          const rows: unknown = parse(csvRow(nums));
          const [parsed] = rows as string[][];
          expect(parsed?.map(Number)).toEqual(nums.map((n) => (Object.is(n, -0) ? 0 : n)));
        },
      ),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
