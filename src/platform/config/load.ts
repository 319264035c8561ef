import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { PatchbayError } from '../errors/errors.js';
import type { Config, CustomFeedConfig, LoadedConfig, ValueOrigin } from './config.js';
import { parseDuration } from './duration.js';
import { envNameFor, httpUrlSchema, schemaFor, type OptionSpec } from './options.js';

export interface ConfigInput {
  /** The YAML text, or null when no file is used. */
  readonly text: string | null;
  readonly path: string | null;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads a secret file named by `<key>File` or `<ENV>_FILE`. */
  readonly readFile: (path: string) => string;
}

export interface ConfigProblem {
  readonly key: string;
  readonly message: string;
}

const customFeedSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lowercase name like acme-vpn'),
  url: httpUrlSchema,
  maxAge: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const ms = parseDuration(v);
      if (ms === null) ctx.addIssue({ code: 'custom', message: 'expected a duration like 2d' });
      return ms ?? undefined;
    }),
  enabled: z.boolean().optional(),
});

/**
 * Validate every key of the table from file, environment and secret files. Every problem is
 * collected and reported together, each naming its key, so one run shows all that is wrong.
 */
export function loadConfig(table: readonly OptionSpec[], input: ConfigInput): LoadedConfig {
  const problems: ConfigProblem[] = [];
  const file = parseFile(input, problems);
  const origins = new Map<string, ValueOrigin>();
  const secrets: string[] = [];
  const out: Record<string, unknown> = {};
  const known = new Set<string>();

  for (const spec of table) {
    known.add(spec.key);
    if (spec.secret) known.add(`${spec.key}File`);
    const { raw, origin } = pickRaw(spec, file, input, problems);
    if (raw === undefined || raw === null) {
      // A shaped default goes through its schema too, so it gets the schema's own defaults.
      setPath(
        out,
        spec.key,
        spec.shape && spec.default !== null ? spec.shape.parse(spec.default) : spec.default,
      );
      origins.set(spec.key, 'default');
      continue;
    }
    const res = schemaFor(spec).safeParse(raw);
    if (!res.success) {
      for (const issue of res.error.issues.slice(0, 5)) {
        const key = [spec.key, ...issue.path.map(String)].join('.');
        problems.push({ key, message: `${issue.message} (from ${origin})` });
      }
      continue;
    }
    setPath(out, spec.key, res.data);
    origins.set(spec.key, origin);
    if (spec.secret && typeof res.data === 'string') secrets.push(res.data);
  }

  const customKey = table.find((s) => s.type === 'json' && s.key.startsWith('feeds.'))?.key;
  if (customKey) validateCustomFeeds(customKey, getPath(out, customKey), problems, out);
  for (const key of unknownKeys(file, known)) {
    problems.push({ key, message: 'unknown key (see docs/config.md for the keys there are)' });
  }
  if (problems.length > 0) {
    throw new PatchbayError(
      'E_CONFIG_INVALID',
      `Invalid configuration${input.path ? ` in ${input.path}` : ''}:\n` +
        problems.map((p) => `  ${p.key}: ${p.message}`).join('\n'),
      { problems },
    );
  }
  return { config: out as unknown as Config, path: input.path, origins, secrets };
}

function parseFile(input: ConfigInput, problems: ConfigProblem[]): Record<string, unknown> {
  if (input.text === null) return {};
  try {
    const doc = parseYaml(input.text) as unknown;
    if (doc === null || doc === undefined) return {};
    if (typeof doc !== 'object' || Array.isArray(doc)) {
      problems.push({ key: '(file)', message: 'expected a YAML mapping at the top level' });
      return {};
    }
    return doc as Record<string, unknown>;
  } catch (err) {
    problems.push({
      key: '(file)',
      message: `not valid YAML: ${(err as Error).message.split('\n')[0]}`,
    });
    return {};
  }
}

/** Precedence: env, env *_FILE, file *File, file value, default. */
function pickRaw(
  spec: OptionSpec,
  file: Record<string, unknown>,
  input: ConfigInput,
  problems: ConfigProblem[],
): { raw: unknown; origin: ValueOrigin } {
  const envNames = [envNameFor(spec.key), ...(spec.envAliases ?? [])];
  for (const name of envNames) {
    const v = input.env[name];
    if (v !== undefined && v !== '')
      return {
        raw: spec.type === 'json' ? parseJsonEnv(spec, name, v, problems) : v,
        origin: `env:${name}`,
      };
  }
  if (spec.secret) {
    for (const name of envNames) {
      const path = input.env[`${name}_FILE`];
      if (path)
        return { raw: readSecret(spec, path, input, problems), origin: `secret-file:${path}` };
    }
    const filePath = getPath(file, `${spec.key}File`);
    if (typeof filePath === 'string') {
      return {
        raw: readSecret(spec, filePath, input, problems),
        origin: `secret-file:${filePath}`,
      };
    }
  }
  return { raw: getPath(file, spec.key), origin: 'file' };
}

function readSecret(
  spec: OptionSpec,
  path: string,
  input: ConfigInput,
  problems: ConfigProblem[],
): string | undefined {
  try {
    return input.readFile(path).replace(/\r?\n$/, '');
  } catch (err) {
    problems.push({
      key: spec.key,
      message: `cannot read secret file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    });
    return undefined;
  }
}

function parseJsonEnv(
  spec: OptionSpec,
  name: string,
  v: string,
  problems: ConfigProblem[],
): unknown {
  try {
    return JSON.parse(v) as unknown;
  } catch {
    problems.push({ key: spec.key, message: `${name} must be JSON` });
    return undefined;
  }
}

function validateCustomFeeds(
  key: string,
  value: unknown,
  problems: ConfigProblem[],
  out: Record<string, unknown>,
): void {
  const res = z.array(customFeedSchema).safeParse(value ?? []);
  if (!res.success) {
    for (const issue of res.error.issues) {
      problems.push({ key: [key, ...issue.path.map(String)].join('.'), message: issue.message });
    }
    return;
  }
  const names = new Set<string>();
  for (const feed of res.data as CustomFeedConfig[]) {
    if (names.has(feed.name))
      problems.push({ key: `${key}.${feed.name}`, message: 'duplicate custom feed name' });
    names.add(feed.name);
  }
  setPath(out, key, res.data);
}

/** Keys present in the file that the table does not know: typos should not pass silently. */
function unknownKeys(file: Record<string, unknown>, known: Set<string>): string[] {
  const found: string[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string): void => {
    for (const [k, v] of Object.entries(obj)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (known.has(key)) continue;
      const isPrefix = [...known].some((kk) => kk.startsWith(`${key}.`));
      if (isPrefix && v && typeof v === 'object' && !Array.isArray(v))
        walk(v as Record<string, unknown>, key);
      else found.push(key);
    }
  };
  walk(file, '');
  return found;
}

export function getPath(obj: Record<string, unknown>, key: string): unknown {
  let cur: unknown = obj;
  for (const seg of key.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const segs = key.split('.');
  let cur = obj;
  for (const seg of segs.slice(0, -1)) {
    cur[seg] ??= {};
    cur = cur[seg] as Record<string, unknown>;
  }
  cur[segs[segs.length - 1] as string] = value;
}
