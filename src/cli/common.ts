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
 *
 * Reading findings refreshes the stored ones first, on the context's clock: a preview on a moved
 * clock stores verdicts of that moment (fresh feeds on the demo's clock, stale ones in the
 * future), which the server would then show as now. So once the command is done, a refresh made
 * on the moved clock is redone on the real one.
 */
export async function withContext<T>(
  cmd: Command,
  io: Io,
  fn: (ctx: AppContext) => Promise<T>,
  asOf?: Date,
): Promise<T> {
  const loaded = loadConfigFromDisk(globalOptions(cmd).config, io.env);
  let moved = asOf !== undefined;
  const ctx = await createContext(
    loaded,
    asOf ? { now: () => (moved ? new Date(asOf) : new Date()) } : {},
  );
  let refreshedOnMovedClock = false;
  const view: AppContext = asOf
    ? {
        ...ctx,
        refreshFindings: (opts) => {
          refreshedOnMovedClock ||= moved;
          return ctx.refreshFindings(opts);
        },
      }
    : ctx;
  try {
    return await fn(view);
  } finally {
    moved = false;
    await restoreFindings(ctx, refreshedOnMovedClock);
    await ctx.close();
  }
}

/** Redo a moved clock's refresh on the real one; a failure is said, not thrown over fn's result. */
async function restoreFindings(ctx: AppContext, needed: boolean): Promise<void> {
  if (!needed) return;
  try {
    await ctx.refreshFindings();
  } catch (err) {
    ctx.log.warn(
      { err },
      'Could not re-evaluate findings on the real clock after --as-of; the next sync will',
    );
  }
}
