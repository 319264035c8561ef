import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { renderConfigDoc } from '../../platform/config/config-doc.js';
import { loadConfigFromDisk, optionTable } from '../../platform/config/load-from-disk.js';
import { getPath } from '../../platform/config/load.js';
import { displayValue } from '../../platform/config/options.js';
import { missingSecretWarnings } from '../../platform/config/secret-warnings.js';
import { readTlsFiles } from '../../platform/server/tls-files.js';
import { globalOptions } from '../common.js';
import { formatConfigRows, wrap } from '../config-table.js';
import { printJson, printable, type Io } from '../output.js';

export function registerConfigCheck(program: Command, io: Io): void {
  const config = program.command('config').description('Inspect the configuration');
  config
    .command('check')
    .description(
      'Validate the config and print every effective value (secrets masked) with where it came from',
    )
    .option('--json', 'print JSON: [{key, value, origin}]')
    .option('--verbose', 'show where each value came from, and long values whole')
    .action((opts: { json?: boolean; verbose?: boolean }, cmd: Command) => {
      const loaded = loadConfigFromDisk(globalOptions(cmd).config, io.env);
      // What `serve` would refuse at start: unreadable or mismatched certificate and key.
      readTlsFiles(loaded.config.server.tls, (path) => readFileSync(path));
      const rows = optionTable().map((spec) => ({
        key: spec.key,
        value: displayValue(
          spec,
          getPath(loaded.config as unknown as Record<string, unknown>, spec.key),
        ),
        origin: loaded.origins.get(spec.key) ?? 'default',
      }));
      // On stderr, so `--json` stays parseable and a script still sees them.
      for (const w of missingSecretWarnings(loaded.config))
        io.err(`${wrap(printable(`warning: ${w.key}: ${w.message}`), 2)}\n`);
      if (opts.json) {
        printJson(io, rows);
        return;
      }
      io.out(`Config: ${loaded.path ?? '(no file: defaults and environment)'}\n`);
      io.out(formatConfigRows(rows, { verbose: Boolean(opts.verbose) }));
      io.out('Config is valid.\n');
    });
  config
    .command('docs')
    .description('Print the reference of every config key as Markdown (docs/config.md)')
    .action(() => {
      io.out(renderConfigDoc(optionTable()));
    });
}
