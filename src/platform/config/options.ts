import { z } from 'zod';
import { formatDuration, parseDuration } from './duration.js';

/**
 * The one table of configuration keys. Loading, environment overrides, `*_FILE` secrets,
 * `patchbay config check` and docs/config.md are all derived from it.
 */
export type OptionType = 'string' | 'url' | 'boolean' | 'integer' | 'duration' | 'list' | 'json';

export interface OptionSpec {
  /** Dotted key path in patchbay.yaml, e.g. `feeds.sofa-macos.url`. */
  readonly key: string;
  readonly type: OptionType;
  readonly default: unknown;
  readonly description: string;
  /** Secrets are masked in `config check`, registered with the log redactor, and readable from a file. */
  readonly secret?: boolean;
  /** Allowed values for a string option. */
  readonly choices?: readonly string[];
  /** The exact shape the value must have (replaces the type's own check; JSON options especially). */
  readonly shape?: z.ZodType;
  /** Extra environment names accepted besides the derived one (e.g. SLACK_BOT_TOKEN). */
  readonly envAliases?: readonly string[];
}

/** `feeds.sofa-macos.url` -> `PATCHBAY_FEEDS__SOFA_MACOS__URL`. */
export function envNameFor(key: string): string {
  return (
    'PATCHBAY_' +
    key
      .split('.')
      .map((seg) =>
        seg
          .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
          .replace(/-/g, '_')
          .toUpperCase(),
      )
      .join('__')
  );
}

/**
 * Every URL option names a web service (a feed, Fleet, Jamf, Slack, Teams, this server): only
 * http and https are fetched, so `file:` or `data:` is refused here rather than at the first
 * sync. User info is refused too: a password in a URL ends up in logs, errors and the
 * database, where a secret option (masked, redacted, readable from a file) never goes.
 */
export const httpUrlSchema = z.string().superRefine((v, ctx) => {
  if (!URL.canParse(v)) {
    ctx.addIssue({ code: 'custom', message: 'expected an absolute URL' });
    return;
  }
  const url = new URL(v);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    ctx.addIssue({
      code: 'custom',
      message: `expected an http:// or https:// URL (got ${url.protocol})`,
    });
  else if (url.username !== '' || url.password !== '')
    ctx.addIssue({
      code: 'custom',
      message:
        'credentials are not allowed in a URL (they would reach logs and the database); put them in the secret options (docs/config.md)',
    });
});

/** The zod schema that validates (and coerces from text) a value of an option type. */
export function schemaFor(spec: OptionSpec): z.ZodType {
  if (spec.shape && spec.type !== 'json') return spec.shape;
  switch (spec.type) {
    case 'string':
      return spec.choices
        ? z.enum(spec.choices as [string, ...string[]])
        : z.string().min(1, 'expected a non-empty string');
    case 'url':
      return httpUrlSchema;
    case 'boolean':
      return z.union([
        z.boolean(),
        z
          .enum(['true', 'false', '1', '0', 'yes', 'no'])
          .transform((v) => ['true', '1', 'yes'].includes(v)),
      ]);
    case 'integer':
      return z.coerce.number().int('expected a whole number').nonnegative('expected a number >= 0');
    case 'duration':
      return z.union([z.string(), z.number()]).transform((v, ctx) => {
        const ms = parseDuration(v);
        if (ms === null) {
          ctx.addIssue({ code: 'custom', message: 'expected a duration like 30s, 15m, 12h or 2d' });
          return z.NEVER;
        }
        return ms;
      });
    case 'list':
      return z.union([
        z.array(z.string()),
        z.string().transform((v) =>
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ]);
    case 'json':
      return spec.shape ?? z.unknown();
  }
}

/** How a value is shown by `config check`. */
export function displayValue(spec: OptionSpec, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (spec.secret) return maskSecret(spec, value);
  if (spec.type === 'duration' && typeof value === 'number') return formatDuration(value);
  if (Array.isArray(value)) return spec.type === 'list' ? value.join(', ') : JSON.stringify(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}

function maskSecret(spec: OptionSpec, value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (spec.type === 'url' || /^[a-z]+:\/\//.test(text)) {
    // Show a database URL's host and name, never its password.
    try {
      const u = new URL(text);
      if (u.password) u.password = '****';
      return u.toString();
    } catch {
      return '****';
    }
  }
  return text.length > 0 ? '****' : '';
}
