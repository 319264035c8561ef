import {
  pino,
  transport,
  destination as pinoDestination,
  type Logger,
  type DestinationStream,
} from 'pino';
import { redactUrlsIn } from '../http-client/redact-url.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly level: string;
  readonly format: 'auto' | 'json' | 'pretty';
  /** Secret values loaded from config: any log line containing one has it replaced. */
  readonly secrets: readonly string[];
  /** Where lines go; stderr by default so that stdout stays clean for --json output. */
  readonly destination?: DestinationStream;
}

/** Keys that never reach a log line whatever their value. */
const REDACT_PATHS = [
  'token',
  'password',
  'secret',
  'clientSecret',
  'signingSecret',
  'authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.clientSecret',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

/** One logger for the process: structured JSON, pretty on a TTY, secrets redacted by key and value. */
export function createLogger(opts: LoggerOptions): Logger {
  const pretty = opts.format === 'pretty' || (opts.format === 'auto' && process.stderr.isTTY);
  const destination =
    opts.destination ??
    (pretty
      ? (transport({
          target: 'pino-pretty',
          options: { destination: 2, colorize: true },
        }) as DestinationStream)
      : pinoDestination(2));
  return pino(
    {
      level: opts.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: {
        // Redaction by value catches a secret that slipped into a message or a URL. It runs on
        // the serialised line, before JSON or pretty output, so both formats get the same text.
        streamWrite: (line: string) => redactUrlsIn(redactValues(line, opts.secrets)),
      },
    },
    destination,
  );
}

export function redactValues(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join('[redacted]');
  }
  return out;
}
