import { PatchbayError } from '../../../platform/errors/errors.js';
import type { HostRecord } from '../../model.js';
import { jamfGet, type JamfSession } from './jamf-http.js';
import { bundleApps, clean, isoOrNull, owner, SOURCE } from './map-inventory.js';
import { classicComputerSchema, type ClassicComputer } from './schema.js';

/** A Classic API computer (snake_case, numeric id) as a HostRecord. */
export function mapClassicComputer(c: ClassicComputer): HostRecord {
  const { general, location, hardware, software } = c.computer;
  return {
    source: SOURCE,
    sourceId: String(general.id),
    serial: clean(general.serial_number),
    hardwareUuid: clean(general.udid),
    model: clean(hardware?.model_identifier),
    name: clean(general.name),
    platform: 'macos',
    osVersion: clean(hardware?.os_version),
    osBuild: clean(hardware?.os_build),
    // `last_contact_time_utc` is "2019-03-01T14:10:28.195+0000", or "" for never.
    lastSeenAt: isoOrNull(general.last_contact_time_utc),
    owner: owner(location?.email_address, location?.realname ?? location?.real_name),
    apps: software?.applications
      ? bundleApps(
          software.applications.map((a) => ({
            name: a.name,
            bundleId: a.bundle_id,
            version: a.version,
          })),
        )
      : null,
  };
}

/**
 * The Classic API fallback: one computer by serial number (`GET /JSSResource/computers/
 * serialnumber/{serial}`, JSON asked for explicitly: the Classic API answers XML by default).
 * null when Jamf has no such computer.
 */
export async function lookupSerial(
  session: JamfSession,
  serial: string,
): Promise<HostRecord | null> {
  const wanted = serial.trim();
  // The serial comes from other sources (an osquery node chooses its own). One with a lone
  // surrogate is no Mac's and would make encodeURIComponent throw a URIError.
  if (!wanted || /[\uD800-\uDFFF]/u.test(wanted)) return null;
  let body: string;
  try {
    body = (
      await jamfGet(session, `/JSSResource/computers/serialnumber/${encodeURIComponent(wanted)}`, {
        accept: 'application/json',
      })
    ).body;
  } catch (err) {
    if (err instanceof PatchbayError && err.details.status === 404) return null;
    throw err;
  }
  return parseClassicComputer(body, wanted);
}

/**
 * A Classic API answer for one serial as a HostRecord. Pure, so its tests can feed it anything:
 * an answer that is not the documented shape is E_INVENTORY_PARSE naming the serial and field.
 */
export function parseClassicComputer(body: string, serial: string): HostRecord {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const res = classicComputerSchema.safeParse(json);
  if (!res.success) {
    const issue = res.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(record)';
    throw new PatchbayError(
      'E_INVENTORY_PARSE',
      `jamf: Classic API computer ${serial} is malformed at ${field}: ${issue?.message ?? ''}`.trim(),
      { source: SOURCE, record: serial, field },
    );
  }
  return mapClassicComputer(res.data);
}
