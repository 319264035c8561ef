import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../src/context.js';
import { hashPassword } from '../../src/web/auth/password.js';
import { normalizeSetupCode, sha256 } from '../../src/web/auth/secrets.js';
import { AuthStore } from '../../src/web/auth/store.js';
import { ensureSetupCode } from '../../src/web/routes.js';

/**
 * The demo creates its dashboard admin itself, through the same one-time setup code a real
 * first start uses, and prints the password: a demo database is thrown away after each run.
 */
export async function createDemoAdmin(
  ctx: AppContext,
): Promise<{ username: string; password: string }> {
  const username = 'admin';
  const password = randomBytes(9).toString('base64url');
  const code = await ensureSetupCode(ctx.db, ctx.now());
  if (code) {
    const ok = await new AuthStore(ctx.db).completeSetup(
      sha256(normalizeSetupCode(code)),
      username,
      await hashPassword(password),
      ctx.now(),
    );
    if (!ok) throw new Error('demo admin could not be created');
  }
  return { username, password };
}
