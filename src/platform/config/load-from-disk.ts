import { existsSync, readFileSync } from 'node:fs';
import { CUSTOM_SOURCE_ID, feedSources } from '../../catalog/sources/api.js';
import { PatchbayError } from '../errors/errors.js';
import type { LoadedConfig } from './config.js';
import { loadConfig } from './load.js';
import { buildOptionTable } from './option-table.js';
import type { OptionSpec } from './options.js';

export const DEFAULT_CONFIG_PATH = 'patchbay.yaml';

export function optionTable(): OptionSpec[] {
  return buildOptionTable(feedSources, CUSTOM_SOURCE_ID);
}

/**
 * Find and load the config: `--config` wins, then PATCHBAY_CONFIG, then ./patchbay.yaml if it
 * exists. A path that was asked for but is missing is an error; no file at all means defaults.
 */
export function loadConfigFromDisk(
  explicitPath: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): LoadedConfig {
  const asked = explicitPath ?? env.PATCHBAY_CONFIG;
  let path: string | null = null;
  if (asked) {
    if (!existsSync(asked)) {
      throw new PatchbayError('E_CONFIG_NOT_FOUND', `Config file not found: ${asked}`, {
        path: asked,
      });
    }
    path = asked;
  } else if (existsSync(DEFAULT_CONFIG_PATH)) {
    path = DEFAULT_CONFIG_PATH;
  }
  const text = path ? readFileSync(path, 'utf8') : null;
  return loadConfig(optionTable(), { text, path, env, readFile: (p) => readFileSync(p, 'utf8') });
}
