import type { Command } from 'commander';
import type { TokenScope } from '../../platform/auth/tables.js';
import { expiryFrom, isTokenScope, TOKEN_SCOPES } from '../../platform/auth/token.js';
import { TokenStore, type TokenInfo } from '../../platform/auth/token-store.js';
import { PatchbayError } from '../../platform/errors/errors.js';
import { withContext } from '../common.js';
import { printJson, shortDate, table, type Io } from '../output.js';

interface CreateOptions {
  readonly name: string;
  readonly scope: string;
  readonly expires?: string;
  readonly json?: boolean;
}

interface JsonOption {
  readonly json?: boolean;
}

/** `patchbay token create|list|revoke`: API tokens for /api/v1. */
export function registerToken(program: Command, io: Io): void {
  const token = program
    .command('token')
    .description('Manage API tokens for /api/v1 (stored hashed: a token is shown once)');

  token
    .command('create')
    .description('Create a token and print it once')
    .requiredOption('--name <name>', 'what the token is for (e.g. ci); letters, digits, . _ -')
    .requiredOption('--scope <scope>', `${TOKEN_SCOPES.join(' or ')} (admin implies read)`)
    .option('--expires <duration>', 'lifetime like 90d, 12h or 1w; "never" (default) for none')
    .option('--json', 'print JSON: {token, id, name, scope, expiresAt, ...}')
    .action(async (opts: CreateOptions, cmd: Command) => {
      const scope = parseScope(opts.scope);
      await withContext(cmd, io, async (ctx) => {
        const now = ctx.now();
        const expiresAt = expiryFrom(opts.expires, now);
        const { token: text, info } = await new TokenStore(ctx.db).create({
          name: opts.name,
          scope,
          expiresAt,
          now,
        });
        if (opts.json) {
          printJson(io, { token: text, ...info });
          return;
        }
        // The token alone on stdout, so `$(patchbay token create ...)` captures just it.
        io.out(`${text}\n`);
        io.err(
          `Created ${info.scope} token "${info.name}" (id ${info.id}, ${
            info.expiresAt ? `expires ${info.expiresAt}` : 'never expires'
          }). Store it now: it cannot be shown again.\n`,
        );
      });
    });

  token
    .command('list')
    .description('List tokens (never the tokens themselves)')
    .option('--json', 'print JSON: [{id, name, scope, state, createdAt, lastUsedAt, ...}]')
    .action(async (opts: JsonOption, cmd: Command) => {
      await withContext(cmd, io, async (ctx) => {
        const tokens = await new TokenStore(ctx.db).list(ctx.now());
        if (opts.json) printJson(io, tokens);
        else printTokens(io, tokens);
      });
    });

  token
    .command('revoke')
    .description('Revoke a token by id or name; requests with it are refused from now on')
    .argument('<name-or-id>', 'the token id, or its name (revokes every token of that name)')
    .option('--json', 'print JSON: the revoked tokens')
    .action(async (nameOrId: string, opts: JsonOption, cmd: Command) => {
      await withContext(cmd, io, async (ctx) => {
        const revoked = await new TokenStore(ctx.db).revoke(nameOrId, ctx.now());
        if (opts.json) printJson(io, revoked);
        else for (const t of revoked) io.out(`Revoked token "${t.name}" (id ${t.id}).\n`);
      });
    });
}

function parseScope(text: string): TokenScope {
  if (isTokenScope(text)) return text;
  throw new PatchbayError(
    'E_USAGE',
    `--scope must be ${TOKEN_SCOPES.join(' or ')} (got "${text}")`,
  );
}

function printTokens(io: Io, tokens: readonly TokenInfo[]): void {
  if (tokens.length === 0) {
    io.out('No API tokens: create one with `patchbay token create --name ci --scope read`.\n');
    return;
  }
  const rows = tokens.map((t) => [
    t.id,
    t.name,
    t.scope,
    t.state,
    shortDate(t.createdAt),
    shortDate(t.lastUsedAt),
    t.expiresAt ? shortDate(t.expiresAt) : 'never',
  ]);
  io.out(`${table(['id', 'name', 'scope', 'state', 'created', 'last used', 'expires'], rows)}\n`);
}
