import { once } from 'node:events';
import Table from 'cli-table3';
import { isPatchbayError } from '../platform/errors/errors.js';
import { redactUrlsIn } from '../platform/http-client/redact-url.js';

/** Where a command writes; tests pass buffers. stdout is for results, stderr for people. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Resolves once stdout has taken what was written: a command that streams a large answer
   * waits here between pages, so a slow reader never makes it buffer the whole answer.
   */
  readonly drain?: () => Promise<void>;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(streamSafe(t)),
  err: (t) => process.stderr.write(streamSafe(t)),
  isTty: Boolean(process.stderr.isTTY),
  env: process.env,
  drain: async () => {
    if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
  },
};

export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts the sequences that
 * recolour, retitle or rewrite the screen; CR overwrites a line), DEL, C1 controls (0x9b is a
 * one-byte CSI) and the bidirectional overrides that reorder what is read. The line break is
 * text. Written as `\u001b`, which reads plainly on a terminal and is also JSON's own escape,
 * so escaped JSON output still parses to the very same strings.
 */
const TERMINAL_CONTROLS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeControl = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text from outside (a host name from inventory, a feed's product name) made safe to print on
 * a terminal: each control character is shown escaped (`\u001b`, `\u202e`) so the admin sees
 * it is there without the terminal obeying it.
 */
export function printable(text: string): string {
  return text.replace(TERMINAL_CONTROLS, escapeControl);
}

/**
 * The last line of defence, on everything the CLI writes to stdout and stderr: whatever a
 * command prints, from tables to issue lists to streamed JSON, no outside text reaches the
 * terminal as a command. JSON stays valid: JSON.stringify leaves C1 and bidi characters raw,
 * and their `\u` escapes decode to the same text.
 */
export function streamSafe(text: string): string {
  // TAB and CR pass: our own progress lines and text use them.
  return text.replace(TERMINAL_CONTROLS, (c) => (c === '\t' || c === '\r' ? c : escapeControl(c)));
}

/** A table for a terminal; every cell passes printable(), so no command can forget it. */
export function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({ head: head.map(printable), style: { head: [], border: [] } });
  for (const r of rows) t.push(r.map((cell) => printable(String(cell))));
  return t.toString();
}

/** Print an error the way every command does and return its exit code. */
export function reportError(io: Io, err: unknown, json: boolean): number {
  // Messages may quote outside data (a file name, a URL): no credentials, no terminal controls.
  if (isPatchbayError(err)) {
    const message = redactUrlsIn(err.message);
    if (json) printJson(io, { error: { code: err.code, message } });
    else io.err(`error[${err.code}]: ${printable(message)}\n`);
    return err.exitCode;
  }
  const message = redactUrlsIn(err instanceof Error ? err.message : String(err));
  if (json) printJson(io, { error: { code: 'E_INTERNAL', message } });
  else
    io.err(
      printable(
        `error[E_INTERNAL]: ${message}\n${err instanceof Error && err.stack ? redactUrlsIn(err.stack) + '\n' : ''}`,
      ),
    );
  return 70;
}

export function shortDate(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '-';
}
