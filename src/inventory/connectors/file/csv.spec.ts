import { describe, expect, it } from 'vitest';
import { CsvReader, parseCsv } from './csv.js';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
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
  ])('%s', (_what, text, expected) => {
    expect(fields(text)).toEqual(expected);
  });

  it('numbers each record by the line it starts on, counting breaks inside quotes', () => {
    const recs = parseCsv('h1,h2\r\n"a\r\nb",c\r\n\r\nd,e\r\n');
    expect(recs.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('flags text after a closing quote with its column, and goes on', () => {
    const recs = parseCsv('a,"b"x,c\nd,e,f\n');
    expect(recs[0]).toMatchObject({
      line: 1,
      error: { column: 1, message: 'text after the closing quote' },
    });
    expect(recs[1]).toEqual({ line: 2, fields: ['d', 'e', 'f'] });
  });

  it('throws on a quote left open at the end of the file, naming its line', () => {
    expect(() => parseCsv('a,b\n"open,c\n')).toThrow('line 2: a quoted field is not closed');
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'serial,name\r\n"C02, X","multi\r\nline ""quoted"""\r\nC03,plain\r\n';
    const whole = parseCsv(text);
    for (let size = 1; size <= 7; size++) {
      const r = new CsvReader();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...r.push(text.slice(i, i + size)));
      out.push(...r.end());
      expect(out).toEqual(whole);
    }
  });
});
