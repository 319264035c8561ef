/**
 * Which host a record may join when its serial names one (issue 9, item 1).
 *
 * Jamf, Fleet and the file connector are servers or files an admin configured: what they say
 * about a machine is trusted. An osquery node is not: anyone holding the shared enroll secret
 * can enroll one and report any `hardware_serial`, so a serial it reports binds it to another
 * source's host only when the hardware UUID agrees. Pure: the store reads the rows, this decides.
 */

/**
 * Sources whose records a device asserts about itself, with nothing but a shared secret behind
 * them. Their serial is a claim to be checked, and their owner ranks below every other source.
 */
export const DEVICE_ASSERTED_SOURCES: ReadonlySet<string> = new Set(['osquery']);

export const isDeviceAsserted = (source: string): boolean => DEVICE_ASSERTED_SOURCES.has(source);

/** What identity needs of one source's view of a host. */
export interface IdentityClaim {
  readonly source: string;
  readonly sourceId: string;
  readonly serial: string | null;
  readonly hardwareUuid: string | null;
}

/**
 * - `merge`: the record joins the host holding its serial (as before);
 * - `keep-apart`: a device-asserted record that nothing confirms gets a host of its own, flagged
 *   as an identity conflict; the holder's owner, versions and history are left alone;
 * - `evict-holder`: a trusted record finds its serial held by a host that only device-asserted,
 *   unconfirmed records vouch for: the trusted record takes the serial, and that host loses it
 *   and is flagged (a node that claimed a serial before Jamf or Fleet knew the Mac).
 */
export type SerialBinding = 'merge' | 'keep-apart' | 'evict-holder';

/** UUIDs compare case-insensitively: Jamf and Fleet write them upper-case, some tools lower. */
export function sameUuid(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** The claim's UUID is reported by some row and contradicted by none. */
function confirmed(claim: IdentityClaim, rows: readonly IdentityClaim[]): boolean {
  const reported = rows.filter((r) => r.hardwareUuid !== null && r.hardwareUuid.trim() !== '');
  return reported.length > 0 && reported.every((r) => sameUuid(r.hardwareUuid, claim.hardwareUuid));
}

/**
 * May `claim` join the host whose rows are `holderRows` (the host holding the claim's serial)?
 * Only rows that report the same serial speak to it; the claim's own stored row does not count.
 */
export function bindBySerial(
  claim: IdentityClaim,
  holderRows: readonly IdentityClaim[],
): SerialBinding {
  const knowing = holderRows.filter(
    (r) =>
      r.serial === claim.serial && !(r.source === claim.source && r.sourceId === claim.sourceId),
  );
  // No other source knows the serial: nothing to contradict.
  if (knowing.length === 0) return 'merge';
  if (isDeviceAsserted(claim.source)) return confirmed(claim, knowing) ? 'merge' : 'keep-apart';
  // Trusted sources vouch for each other, as they always have.
  if (knowing.some((r) => !isDeviceAsserted(r.source))) return 'merge';
  return confirmed(claim, knowing) ? 'merge' : 'evict-holder';
}
