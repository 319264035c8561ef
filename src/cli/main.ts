import { Command, CommanderError } from 'commander';
import { registerCatalog } from './commands/catalog.js';
import { registerConfigCheck } from './commands/config-check.js';
import { registerDemo } from './commands/demo.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerMigrate } from './commands/migrate.js';
import { registerSyncFeeds } from './commands/sync-feeds.js';
import { registerSyncInventory } from './commands/sync-inventory.js';
import { registerHosts } from './commands/hosts.js';
import { registerRemind } from './commands/remind.js';
import { registerReport } from './commands/report.js';
import { registerServe } from './commands/serve.js';
import { registerToken } from './commands/token.js';
import { processIo, reportError, type Io } from './output.js';
import { packageVersion } from './version.js';

/** Build the `patchbay` command tree. Exported for tests, which run it in-process. */
export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('patchbay')
    .description(
      'Keep a fleet current: version catalog, inventory, compliance and time-to-install, Slack reminders, dashboard and API.',
    )
    .version(packageVersion(), '-V, --version', 'print the Patchbay version')
    .option('-c, --config <path>', 'config file (default: $PATCHBAY_CONFIG or ./patchbay.yaml)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  const sync = program.command('sync').description('Synchronise data from outside systems');
  registerSyncFeeds(sync, io, setExit);
  registerSyncInventory(sync, io, setExit);
  registerCatalog(program, io);
  registerHosts(program, io);
  registerReport(program, io);
  registerEvaluate(program, io);
  registerRemind(program, io, setExit);
  registerConfigCheck(program, io);
  registerMigrate(program, io);
  registerDemo(program, io, setExit);
  registerServe(program, io);
  registerToken(program, io);
  return program;
}

/** Run the CLI and return the exit code (0 ok, 2 partial failure, 64 usage, 65+ see docs/errors.md). */
export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exit = 0;
  const program = buildProgram(io, (code) => {
    exit = code;
  });
  const json = argv.includes('--json');
  try {
    await program.parseAsync([...argv]);
    return exit;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 64;
    return reportError(io, err, json);
  }
}
