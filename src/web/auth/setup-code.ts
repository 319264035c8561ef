import type { Db } from '../../platform/db/db.js';
import { normalizeSetupCode, setupCode, sha256 } from './secrets.js';
import { AuthStore } from './store.js';

/**
 * While no dashboard admin exists, make a fresh one-time setup code, store its hash (replacing
 * any older code) and return it for `patchbay serve` to log; null once an admin exists.
 */
export async function ensureSetupCode(db: Db, now: Date): Promise<string | null> {
  const store = new AuthStore(db);
  if (await store.adminExists()) return null;
  const code = setupCode();
  await store.putSetupCode(sha256(normalizeSetupCode(code)), now);
  return code;
}
