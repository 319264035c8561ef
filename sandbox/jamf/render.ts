import type { GeneratedHost } from './generate.js';

/** Sections of GET /api/v1/computers-inventory, by the names the `section` parameter takes. */
export const SECTIONS = {
  GENERAL: 'general',
  HARDWARE: 'hardware',
  OPERATING_SYSTEM: 'operatingSystem',
  USER_AND_LOCATION: 'userAndLocation',
  APPLICATIONS: 'applications',
  DISK_ENCRYPTION: 'diskEncryption',
  PURCHASING: 'purchasing',
  SECURITY: 'security',
} as const;
export type SectionName = keyof typeof SECTIONS;

export function isSectionName(s: string): s is SectionName {
  return Object.hasOwn(SECTIONS, s);
}

const classicTime = (iso: string): string => iso.replace('T', ' ').slice(0, 19);
const classicUtc = (iso: string): string => iso.replace('Z', '+0000');

/**
 * One computer as the Jamf Pro API returns it: every section key is present, and a section that
 * was not asked for is `null` (as in the real capture in the connector's fixtures).
 */
export function renderProRecord(
  h: GeneratedHost,
  sections: ReadonlySet<SectionName>,
): Record<string, unknown> {
  const all: Record<string, unknown> = {
    general: {
      name: h.name,
      lastIpAddress: '203.0.113.10',
      lastReportedIp: '192.168.1.38',
      jamfBinaryVersion: '11.12.0-t1731001234',
      platform: 'Mac',
      barcode1: null,
      barcode2: null,
      assetTag: null,
      remoteManagement: { managed: true, managementUsername: 'jamfadmin' },
      supervised: true,
      mdmCapable: { capable: true, capableUsers: [] },
      reportDate: h.reportDate,
      lastContactTime: h.lastContactTime,
      lastCloudBackupDate: null,
      lastEnrolledDate: h.reportDate,
      mdmProfileExpiration: null,
      initialEntryDate: h.reportDate.slice(0, 10),
      distributionPoint: null,
      site: { id: '-1', name: 'None' },
      itunesStoreAccountActive: false,
      enrolledViaAutomatedDeviceEnrollment: true,
      userApprovedMdm: true,
      declarativeDeviceManagementEnabled: true,
      managementId: h.udid.toLowerCase(),
      extensionAttributes: [],
    },
    hardware: {
      make: 'Apple',
      model: h.model,
      modelIdentifier: h.modelIdentifier,
      serialNumber: h.serial,
      processorSpeedMhz: 0,
      processorCount: 1,
      coreCount: 8,
      processorType: 'Apple M1',
      processorArchitecture: 'arm64',
      totalRamMegabytes: 16384,
      appleSilicon: !h.serial.startsWith('C02'),
      extensionAttributes: [],
    },
    operatingSystem: {
      name: 'macOS',
      version: h.osVersion,
      build: h.osBuild,
      supplementalBuildVersion: h.osBuild,
      rapidSecurityResponse: null,
      activeDirectoryStatus: 'Not Bound',
      fileVault2Status: 'BOOT_ENCRYPTED',
      softwareUpdateDeviceId: null,
      extensionAttributes: [],
    },
    userAndLocation: {
      username: h.owner?.username ?? '',
      realname: h.owner?.realname ?? '',
      email: h.owner?.email ?? '',
      position: '',
      phone: '',
      departmentId: null,
      buildingId: null,
      room: '',
      extensionAttributes: [],
    },
    applications: h.apps.map((a) => ({
      name: a.name,
      path: a.path,
      version: a.version,
      macAppStore: false,
      sizeMegabytes: 420,
      bundleId: a.bundleId,
      updateAvailable: false,
      externalVersionId: '0',
    })),
  };
  const out: Record<string, unknown> = { id: String(h.id), udid: h.udid };
  for (const [param, key] of Object.entries(SECTIONS)) {
    out[key] = sections.has(param as SectionName) ? (all[key] ?? null) : null;
  }
  return out;
}

/** One computer as GET /JSSResource/computers/serialnumber/{serial} returns it in JSON. */
export function renderClassic(h: GeneratedHost): Record<string, unknown> {
  const seen = Date.parse(h.lastContactTime);
  return {
    computer: {
      general: {
        id: h.id,
        name: h.name,
        mac_address: '',
        alt_mac_address: '',
        ip_address: '203.0.113.10',
        last_reported_ip: '192.168.1.38',
        serial_number: h.serial,
        udid: h.udid,
        jamf_version: '11.12.0-t1731001234',
        platform: 'Mac',
        barcode_1: '',
        barcode_2: '',
        asset_tag: '',
        remote_management: { managed: true, management_username: 'jamfadmin' },
        mdm_capable: true,
        report_date: classicTime(h.reportDate),
        report_date_epoch: Date.parse(h.reportDate),
        report_date_utc: classicUtc(h.reportDate),
        last_contact_time: classicTime(h.lastContactTime),
        last_contact_time_epoch: seen,
        last_contact_time_utc: classicUtc(h.lastContactTime),
        site: { id: -1, name: 'None' },
        itunes_store_account_is_active: false,
      },
      location: {
        username: h.owner?.username ?? '',
        realname: h.owner?.realname ?? '',
        real_name: h.owner?.realname ?? '',
        email_address: h.owner?.email ?? '',
        position: '',
        phone: '',
        phone_number: '',
        department: '',
        building: '',
        room: '',
      },
      hardware: {
        make: 'Apple',
        model: h.model,
        model_identifier: h.modelIdentifier,
        os_name: 'macOS',
        os_version: h.osVersion,
        os_build: h.osBuild,
        processor_architecture: 'arm64',
        total_ram: 16384,
      },
      software: {
        unix_executables: [],
        licensed_software: [],
        installed_by_casper: [],
        installed_by_installer_swu: [],
        cached_by_casper: [],
        available_software_updates: [],
        available_updates: {},
        running_services: [],
        applications: h.apps.map((a) => ({
          name: a.name,
          path: a.path,
          version: a.version,
          bundle_id: a.bundleId,
        })),
        fonts: [],
        plugins: [],
      },
      extension_attributes: [],
    },
  };
}
