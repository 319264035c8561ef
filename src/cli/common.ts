import type { Command } from 'commander';
import { createContext, type AppContext } from '../context.js';
import { loadConfigFromDisk } from '../platform/config/load-from-disk.js';
import type { Io } from './output.js';

export interface GlobalOptions {
  readonly config?: string;
}

/** The root command's options (`--config`), wherever the subcommand sits. */
export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

/**
 * Load config and open the context for a command, closing it whatever happens. `asOf` freezes
 * the context's clock at that moment (a read-only command's `--as-of`).
 */
export async function withContext<T>(
  cmd: Command,
  io: Io,
  fn: (ctx: AppContext) => Promise<T>,
  asOf?: Date,
): Promise<T> {
  const loaded = loadConfigFromDisk(globalOptions(cmd).config, io.env);
  const ctx = await createContext(loaded, asOf ? { now: () => new Date(asOf) } : {});
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
