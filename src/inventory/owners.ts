import { isDeviceAsserted } from './host-identity.js';
import type { OwnerRecord } from './model.js';

export interface SourceOwner {
  readonly source: string;
  readonly owner: OwnerRecord | null;
}

/**
 * Which source's owner wins: the first source in `precedence` that names one (default: Jamf's
 * user-and-location email, then Fleet's device mapping). Sources not listed come after, in name
 * order, so an owner is never dropped just because its source was left out of the list; but an
 * unlisted device-asserted source (osquery: whoever sits at the console, as the node says) comes
 * last of all, so it outranks an MDM or the admin's own file only when the admin lists it first.
 */
export function resolveOwner(
  candidates: readonly SourceOwner[],
  precedence: readonly string[],
): { owner: OwnerRecord; source: string } | null {
  const rank = (s: string): number => {
    const i = precedence.indexOf(s);
    if (i !== -1) return i;
    return isDeviceAsserted(s) ? precedence.length + 1 : precedence.length;
  };
  const sorted = candidates
    .filter(
      (c): c is { source: string; owner: OwnerRecord } =>
        c.owner !== null && c.owner.email.trim() !== '',
    )
    .sort((a, b) => rank(a.source) - rank(b.source) || a.source.localeCompare(b.source));
  const best = sorted[0];
  return best
    ? {
        owner: { email: best.owner.email.trim().toLowerCase(), name: best.owner.name },
        source: best.source,
      }
    : null;
}
