import type { Command } from 'commander';
import { createContext } from '../../context.js';
import { loadConfigFromDisk } from '../../platform/config/load-from-disk.js';
import { PatchbayError } from '../../platform/errors/errors.js';
import { parseListen, startServer } from '../../serve/start-server.js';
import { globalOptions } from '../common.js';
import type { Io } from '../output.js';

interface ServeOptions {
  readonly listen?: string;
  readonly jobs: boolean;
}

export function registerServe(program: Command, io: Io): void {
  program
    .command('serve')
    .description(
      'Run the service: API, dashboard, Slack and osquery endpoints, /metrics, and the scheduled jobs',
    )
    .option('--listen <host:port>', 'address to listen on (default: server.listen)')
    .option('--no-jobs', 'serve HTTP only; leave scheduled jobs to other replicas')
    .action(async (opts: ServeOptions, cmd: Command) => {
      const loaded = loadConfigFromDisk(globalOptions(cmd).config, io.env);
      let listen: { host: string; port: number };
      try {
        listen = parseListen(opts.listen ?? loaded.config.server.listen);
      } catch (err) {
        throw new PatchbayError('E_CONFIG_INVALID', (err as Error).message, {
          key: 'server.listen',
        });
      }
      const ctx = await createContext(loaded);
      const server = await startServer(ctx, { ...listen, jobs: opts.jobs });
      io.err(`Patchbay listening on ${server.url} (dashboard /, API /api/v1, metrics /metrics)\n`);
      if (server.setupCode) {
        // Shown once, to whoever can read this process's output: it lets them create the admin account.
        io.err(
          `No admin account yet: open ${server.url}/setup and enter the setup code ${server.setupCode}\n`,
        );
      }
      // SIGHUP (systemctl reload, a certbot deploy hook): take up a renewed certificate without
      // dropping a connection; a bad pair is reported and the current certificate kept.
      const onHangup = (): void => {
        try {
          if (server.reloadTls()) io.err('TLS certificate and key reloaded\n');
        } catch (err) {
          io.err(
            `TLS reload refused, keeping the current certificate: ${(err as Error).message}\n`,
          );
        }
      };
      // Only when serving TLS: otherwise a closed terminal's SIGHUP still ends the server.
      const reloads = loaded.config.server.tls.cert !== null;
      if (reloads) process.on('SIGHUP', onHangup);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      if (reloads) process.off('SIGHUP', onHangup);
      io.err('Shutting down: finishing running jobs...\n');
      await server.stop();
    });
}
