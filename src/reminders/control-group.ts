import { createHash } from 'node:crypto';

/**
 * The salt used when `reminders.controlGroupSalt` is not set. Fixed so membership is the same
 * on every replica and every run; an admin who wants a fresh draw sets another salt.
 */
export const DEFAULT_CONTROL_GROUP_SALT = 'patchbay-control-group-v1';

/**
 * Where a person falls on [0, 1): the first 48 bits of sha256(salt, NUL, lower-cased email).
 * 48 bits fit a double exactly, so the value is uniform and the same on every platform.
 */
export function controlGroupDraw(email: string, salt: string): number {
  const digest = createHash('sha256')
    .update(salt, 'utf8')
    .update('\0')
    .update(email.trim().toLowerCase(), 'utf8')
    .digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * Whether a person is held back from reminders so their hosts measure time to install without
 * them. Stable for a given salt (no state to store: a replica, a report and the cycle all agree),
 * independent of the email's case. Membership is `draw < share`, so raising the share only adds
 * people and lowering it only releases people; a new salt reshuffles everyone.
 */
export function inControlGroup(email: string, share: number, salt: string): boolean {
  if (!(share > 0)) return false;
  return controlGroupDraw(email, salt) < share;
}

/** The control-group setting of `reminders:` (absent in hand-built configs: off). */
export interface ControlGroupSetting {
  readonly share: number;
  readonly salt: string;
}

export function controlGroupSetting(cfg: {
  readonly controlGroup?: number;
  readonly controlGroupSalt?: string;
}): ControlGroupSetting {
  return {
    share: cfg.controlGroup ?? 0,
    salt: cfg.controlGroupSalt ?? DEFAULT_CONTROL_GROUP_SALT,
  };
}

/**
 * What still reaches a person in the control group: fixes for actively exploited CVEs. Holding
 * those back would trade people's safety for a measurement; their releases then compare a
 * reminded group with a partly reminded one, which can only hide a difference, never invent one.
 */
export function expediteItems<T extends { readonly exploitedCves: readonly string[] }>(
  items: readonly T[],
): T[] {
  return items.filter((f) => f.exploitedCves.length > 0);
}
