import { printable } from './output.js';

/** One effective value as `config check` shows it. */
export interface ConfigRow {
  readonly key: string;
  readonly value: string;
  readonly origin: string;
}

/** A terminal an admin can read without wrapping; the same as our docs' line length. */
export const CONFIG_WIDTH = 100;
const GAP = '  ';

/**
 * `config check` as plain columns. By default key and value only, each line at most `width`
 * characters: a long value (a JSON app map, a custom feed list) is cut with an ellipsis and the
 * footer says how to see it whole. `verbose` adds where each value came from (before the value) and cuts nothing.
 */
export function formatConfigRows(
  rows: readonly ConfigRow[],
  opts: { readonly verbose: boolean; readonly width?: number },
): string {
  const width = opts.width ?? CONFIG_WIDTH;
  const clean = rows.map((r) => ({
    key: printable(r.key),
    // A value is one line: multi-line text would break the columns. Unset shows as '-'.
    value: printable(r.value.replace(/\s*\n\s*/g, ' ')) || '-',
    origin: printable(r.origin),
  }));
  const keyWidth = Math.max(3, ...clean.map((r) => r.key.length));
  if (opts.verbose) {
    // The value goes last, so one long JSON value does not pad every other line out to its width.
    const originWidth = Math.max(4, ...clean.map((r) => r.origin.length));
    const line = (k: string, o: string, v: string) =>
      `${k.padEnd(keyWidth)}${GAP}${o.padEnd(originWidth)}${GAP}${v}`.trimEnd();
    return [line('key', 'from', 'value'), ...clean.map((r) => line(r.key, r.origin, r.value))]
      .join('\n')
      .concat('\n');
  }
  const room = Math.max(8, width - keyWidth - GAP.length);
  let cut = 0;
  const fit = (v: string): string => {
    if (v.length <= room) return v;
    cut++;
    return `${v.slice(0, room - 1)}…`;
  };
  const lines = [
    `${'key'.padEnd(keyWidth)}${GAP}value`,
    ...clean.map((r) => `${r.key.padEnd(keyWidth)}${GAP}${fit(r.value)}`.trimEnd()),
  ];
  const footer =
    cut > 0
      ? `(${cut} value(s) cut to fit; --verbose shows them whole with where each came from)`
      : '(--verbose shows where each value came from)';
  lines.push(wrap(footer, 1, width));
  return `${lines.join('\n')}\n`;
}

/** Word-wrap `text` to `width` columns, continuation lines indented by `indent` spaces. */
export function wrap(text: string, indent: number, width: number = CONFIG_WIDTH): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (candidate.length > width - (lines.length > 0 ? indent : 0) && line !== '') {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== '') lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${' '.repeat(indent)}${l}`)).join('\n');
}
