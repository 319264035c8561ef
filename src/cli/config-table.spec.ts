import { describe, expect, it } from 'vitest';
import { CONFIG_WIDTH, formatConfigRows, wrap, type ConfigRow } from './config-table.js';

const rows: ConfigRow[] = [
  { key: 'log.level', value: 'info', origin: 'default' },
  { key: 'inventory.appMap', value: `{"${'x'.repeat(300)}":"chrome"}`, origin: 'file' },
  { key: 'slack.token', value: '****', origin: 'env:SLACK_BOT_TOKEN' },
  { key: 'server.tls.key', value: '', origin: 'default' },
];
const widest = (text: string): number => Math.max(...text.split('\n').map((l) => l.length));

describe('formatConfigRows', () => {
  it('fits 100 columns by default, cutting long values and saying so', () => {
    const text = formatConfigRows(rows, { verbose: false });
    expect(widest(text)).toBeLessThanOrEqual(CONFIG_WIDTH);
    expect(text).toContain('inventory.appMap');
    expect(text).toMatch(/…\n/);
    expect(text).toContain('1 value(s) cut to fit; --verbose');
    expect(text).not.toContain('env:SLACK_BOT_TOKEN');
    expect(text).toMatch(/server\.tls\.key +-\n/);
  });

  it.each([40, 60, 100, 140])('holds to a width of %i', (width) => {
    expect(widest(formatConfigRows(rows, { verbose: false, width }))).toBeLessThanOrEqual(width);
  });

  it('--verbose shows each origin and the long value whole', () => {
    const text = formatConfigRows(rows, { verbose: true });
    expect(text).toMatch(/^key +from +value$/m);
    expect(text).toMatch(/slack\.token +env:SLACK_BOT_TOKEN +\*\*\*\*/);
    expect(text).toContain('x'.repeat(300));
    expect(text).not.toContain('…');
  });

  it('keeps terminal controls from a value out of the output', () => {
    const text = formatConfigRows([{ key: 'k', value: 'a\u001b[2Jb\nc', origin: 'file' }], {
      verbose: false,
    });
    expect(text).not.toContain('\u001b');
    expect(text).toContain('a\\u001b[2Jb c');
  });
});

describe('wrap', () => {
  it.each([
    ['short', 'short'],
    ['aaa bbb ccc ddd', 'aaa bbb\n  ccc ddd'],
  ])('%j -> %j at width 9, indent 2', (text, expected) => {
    expect(wrap(text, 2, 9)).toBe(expected);
  });
});
