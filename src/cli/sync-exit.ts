import { ERROR_CODES } from '../platform/errors/errors.js';

/** The exit code that means "credentials refused" (docs/errors.md). */
const CREDENTIALS_REFUSED = 77;

/**
 * The exit code of a sync from the error codes of the units that failed (a source, a feed).
 * None: 0. A unit refused our credentials (E_JAMF_AUTH, E_FLEET_AUTH): 77, as documented, even
 * if others synced, because a rotated secret never heals by retrying and a cron job must be
 * able to tell it from a flaky network. Anything else: 2, partial failure.
 */
export function syncExitCode(failedCodes: readonly string[]): number {
  if (failedCodes.length === 0) return 0;
  const refused = failedCodes.some(
    (code) =>
      code in ERROR_CODES &&
      ERROR_CODES[code as keyof typeof ERROR_CODES].exit === CREDENTIALS_REFUSED,
  );
  return refused ? CREDENTIALS_REFUSED : 2;
}
