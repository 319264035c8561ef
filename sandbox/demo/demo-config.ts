import { isAbsolute, resolve } from 'node:path';
import { stringify } from 'yaml';
import { envNameFor, type OptionSpec } from '../../src/platform/config/options.js';

/**
 * A patchbay.yaml equal to the config the demo ran with: every option the demo set through the
 * environment, written under its key path, so `serve`, `sync` and `remind --config` reach the
 * same stand-ins. Pure: the environment and option table are passed in.
 */
export function demoConfigYaml(
  env: Readonly<Record<string, string>>,
  table: readonly OptionSpec[],
  cwd: string,
): string {
  const out: Record<string, unknown> = {};
  for (const spec of table) {
    const raw = [envNameFor(spec.key), ...(spec.envAliases ?? [])]
      .map((name) => env[name])
      .find((v) => v !== undefined && v !== '');
    if (raw === undefined) continue;
    setPath(
      out,
      spec.key,
      typed(spec, spec.key === 'database.url' ? absoluteSqlite(raw, cwd) : raw),
    );
  }
  return (
    "# Written by `patchbay demo --write-config`: the demo's own config.\n" +
    '# The stand-ins listen on ports, and accept secrets, chosen for this demo run only: it works\n' +
    '# while that demo runs (`--keep-running`, or while it serves the dashboard).\n' +
    stringify(out, { lineWidth: 0 })
  );
}

/** The environment carries strings; the file carries the option's own type. */
function typed(spec: OptionSpec, raw: string): unknown {
  switch (spec.type) {
    case 'boolean':
      return raw === 'true';
    case 'integer':
      return Number(raw);
    case 'json':
      return JSON.parse(raw) as unknown;
    case 'list':
      return raw.split(',').map((s) => s.trim());
    case 'string':
    case 'url':
    case 'duration':
      return raw;
  }
}

/** `serve` may start elsewhere than the demo did: a relative SQLite path would miss its data. */
function absoluteSqlite(url: string, cwd: string): string {
  if (!url.startsWith('sqlite:')) return url;
  const path = url.slice('sqlite:'.length);
  return isAbsolute(path) || path === ':memory:' ? url : `sqlite:${resolve(cwd, path)}`;
}

function setPath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = obj;
  for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1] as string] = value;
}
