import type { Command } from 'commander';
import { loadConfigFromDisk } from '../../platform/config/load-from-disk.js';
import { connectDatabase } from '../../platform/db/db.js';
import { migrate } from '../../platform/db/migrate.js';
import { globalOptions } from '../common.js';
import { printJson, type Io } from '../output.js';

export function registerMigrate(program: Command, io: Io): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (other commands do this on start too)')
    .option('--json', 'print JSON: {applied, alreadyApplied}')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { config } = loadConfigFromDisk(globalOptions(cmd).config, io.env);
      const db = await connectDatabase(config.database.url);
      try {
        const result = await migrate(db);
        if (opts.json) printJson(io, { dialect: db.dialect, ...result });
        else if (result.applied.length === 0)
          io.out(
            `Database (${db.dialect}) is up to date: ${result.alreadyApplied} migrations applied before.\n`,
          );
        else
          io.out(
            `Applied ${result.applied.length} migration(s) on ${db.dialect}: ${result.applied.join(', ')}\n`,
          );
      } finally {
        await db.close();
      }
    });
}
