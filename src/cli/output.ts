import { once } from 'node:events';
import Table from 'cli-table3';
import { isPatchbayError } from '../platform/errors/errors.js';

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
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: Boolean(process.stderr.isTTY),
  env: process.env,
  drain: async () => {
    if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
  },
};

export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

export function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({ head, style: { head: [], border: [] } });
  for (const r of rows) t.push(r.map(String));
  return t.toString();
}

/** Print an error the way every command does and return its exit code. */
export function reportError(io: Io, err: unknown, json: boolean): number {
  if (isPatchbayError(err)) {
    if (json) printJson(io, err.toJSON());
    else io.err(`error[${err.code}]: ${err.message}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (json) printJson(io, { error: { code: 'E_INTERNAL', message } });
  else
    io.err(
      `error[E_INTERNAL]: ${message}\n${err instanceof Error && err.stack ? err.stack + '\n' : ''}`,
    );
  return 70;
}

export function shortDate(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '-';
}
