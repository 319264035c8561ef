import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvLimits, type CsvRecord } from './csv.js';

async function records(
  chunks: string | readonly string[],
  limits?: CsvLimits,
): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  const input = Readable.from(typeof chunks === 'string' ? [chunks] : chunks);
  for await (const r of readCsvRecords(input, 'hosts.csv', limits)) out.push(r);
  return out;
}
const fields = async (text: string) => (await records(text)).map((r) => r.fields);

describe('readCsvRecords', () => {
  it.each([
    [
      'plain fields',
      'a,b,c\n1,2,3\n',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'CRLF line ends',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'old Mac CR line ends',
      'a,b\r1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'no line break at the end',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['empty fields', ',a,,\n', [['', 'a', '', '']]],
    ['a comma in quotes', '"Hopper, Grace",x\n', [['Hopper, Grace', 'x']]],
    ['doubled quotes', '"say ""hi""",""\n', [['say "hi"', '']]],
    ['LF inside quotes', '"two\nlines",x\n', [['two\nlines', 'x']]],
    ['CRLF inside quotes becomes LF', '"two\r\nlines",x\r\n', [['two\nlines', 'x']]],
    ['a quote inside an unquoted field is kept', 'Ada\'s "Mac",x\n', [['Ada\'s "Mac"', 'x']]],
    ['blank lines are skipped', 'a\n\n\nb\n', [['a'], ['b']]],
    ['a UTF-8 BOM is dropped', '\uFEFFserial,name\n', [['serial', 'name']]],
    ['spaces are kept', ' a , b \n', [[' a ', ' b ']]],
    ['non-ASCII text', 'Zoë,東京\n', [['Zoë', '東京']]],
    ['rows of different lengths come through', 'a,b\n1\n', [['a', 'b'], ['1']]],
  ])('%s', async (_what, text, expected) => {
    expect(await fields(text)).toEqual(expected);
  });

  it('numbers each record by the line it starts on, counting breaks inside quotes', async () => {
    const recs = await records('h1,h2\r\n"a\r\nb",c\r\n\r\nd,e\r\n');
    expect(recs.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('keeps text after a closing quote as text, and goes on with the next rows', async () => {
    const recs = await records('a,"b"x,c\nd,e,f\n');
    expect(recs).toEqual([
      { line: 1, fields: ['a', '"b"x', 'c'] },
      { line: 2, fields: ['d', 'e', 'f'] },
    ]);
  });

  it('a quote left open at the end of the file is E_INVENTORY_PARSE naming its line', async () => {
    await expect(records('a,b\n"open,c\n')).rejects.toMatchObject({
      code: 'E_INVENTORY_PARSE',
      message: 'hosts.csv: line 2: a quoted field is not closed before the end of the file',
      details: { source: 'file', file: 'hosts.csv', line: 2, field: '(row)' },
    });
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const text = 'serial,name\r\n"C02, X","multi\r\nline ""quoted"""\r\nC03,plain\r\n';
    const whole = await records(text);
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(await records(chunks)).toEqual(whole);
    }
  });
});

describe('readCsvRecords limits', () => {
  const small: CsvLimits = { maxColumns: 4, maxRecordChars: 20 };

  it('stops at the first cell past the column limit, naming the file, line and limit', async () => {
    await expect(records('a,b\n1,2,3,4,5\n', small)).rejects.toMatchObject({
      code: 'E_INVENTORY_PARSE',
      message: 'hosts.csv: line 2: more than 4 columns',
      details: { file: 'hosts.csv', line: 2, field: 'column 5', limit: 'maxColumns' },
    });
  });

  it('stops a row longer than the size limit, naming the file, line and limit', async () => {
    await expect(records(`a,b\n\n${'x'.repeat(30)},y\n`, small)).rejects.toMatchObject({
      code: 'E_INVENTORY_PARSE',
      message: 'hosts.csv: line 3: the row is longer than 20 characters',
      details: { file: 'hosts.csv', line: 3, field: '(row)', limit: 'maxRecordChars' },
    });
  });

  it('a row at the limits is read', async () => {
    expect(await fields(`${'x'.repeat(17)},y,z,w\n`)).toEqual([['x'.repeat(17), 'y', 'z', 'w']]);
  });

  it('stops a header of a million columns at the limit, without reading the rest', async () => {
    // Streamed lazily: the parser asks for the next chunk only as it needs it, so the count of
    // chunks handed over shows where it stopped.
    let handed = 0;
    function* header(): Generator<string> {
      for (let i = 0; i < 1_000_000; i += 1000) {
        handed++;
        yield Array.from({ length: 1000 }, (_, j) => `c${i + j}`).join(',') + ',';
      }
      yield 'serial\nC1\n';
    }
    const err = await (async () => {
      for await (const _ of readCsvRecords(Readable.from(header()), 'huge.csv')) void _;
    })().catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'E_INVENTORY_PARSE',
      details: { file: 'huge.csv', line: 1, field: 'column 10001', limit: 'maxColumns' },
    });
    expect(handed).toBeLessThan(100);
  });
});
