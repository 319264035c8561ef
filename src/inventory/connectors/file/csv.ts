/**
 * A small streaming CSV reader (RFC 4180): comma-separated, fields optionally in double quotes,
 * `""` for a quote inside quotes, commas and line breaks inside quotes, CRLF, LF or CR line ends,
 * a UTF-8 BOM ignored. Fed chunk by chunk, so a large export never sits in memory at once.
 * Written here rather than added as a dependency: this is all the CSV Patchbay needs.
 */

/** One record, with the line its first field starts on (1-based) for error messages. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
  /** Set when the record is malformed (text after a closing quote); the fields are partial. */
  readonly error?: { readonly column: number; readonly message: string };
}

type State = 'start' | 'unquoted' | 'quoted' | 'quote-in-quoted' | 'after-quote-junk';

export class CsvReader {
  private state: State = 'start';
  private field = '';
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private error: CsvRecord['error'];
  private lastWasCr = false;
  private first = true;

  /** Feed the next chunk; returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let text = chunk;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    for (const ch of text) {
      // "\r\n" is one line break: the "\n" right after a "\r" was already counted.
      if (this.lastWasCr && ch === '\n') {
        this.lastWasCr = false;
        continue;
      }
      this.lastWasCr = ch === '\r';
      const newline = ch === '\n' || ch === '\r';
      switch (this.state) {
        case 'quoted':
          if (ch === '"') this.state = 'quote-in-quoted';
          else this.field += newline ? '\n' : ch;
          if (newline) this.line++;
          break;
        case 'quote-in-quoted':
          if (ch === '"') {
            this.field += '"';
            this.state = 'quoted';
          } else if (ch === ',') this.endField();
          else if (newline) this.endRecord(out);
          else {
            this.error ??= { column: this.fields.length, message: 'text after the closing quote' };
            this.state = 'after-quote-junk';
          }
          break;
        case 'start':
          if (ch === '"') {
            this.state = 'quoted';
            break;
          }
        // falls through: an unquoted field starts with this character
        case 'unquoted':
        case 'after-quote-junk':
          if (ch === ',') this.endField();
          else if (newline) this.endRecord(out);
          else {
            if (this.state !== 'after-quote-junk') this.field += ch;
            if (this.state === 'start') this.state = 'unquoted';
          }
          break;
      }
    }
    return out;
  }

  /** End of input: the last record (when the file does not end with a line break). */
  end(): CsvRecord[] {
    if (this.state === 'quoted')
      throw new Error(
        `line ${this.recordLine}: a quoted field is not closed before the end of the file`,
      );
    const out: CsvRecord[] = [];
    if (this.state !== 'start' || this.fields.length > 0) this.endRecord(out);
    return out;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = 'start';
  }

  private endRecord(out: CsvRecord[]): void {
    this.endField();
    // A blank line is no record (a trailing newline at the end of a file, say).
    const blank = this.fields.length === 1 && this.fields[0] === '';
    if (!blank)
      out.push({
        line: this.recordLine,
        fields: this.fields,
        ...(this.error ? { error: this.error } : {}),
      });
    this.fields = [];
    this.error = undefined;
    this.line++;
    this.recordLine = this.line;
  }
}

/** Parse a whole CSV text at once (tests, small files). */
export function parseCsv(text: string): CsvRecord[] {
  const r = new CsvReader();
  return [...r.push(text), ...r.end()];
}
