import { z } from 'zod';

/**
 * Fleet's wire format, only the fields the connector uses. Sources: Fleet's REST API docs
 * (docs/REST API/rest-api.md, "List hosts" and "Get query report") and real captured hosts
 * (see __fixtures__/SOURCES.md).
 */

/** `inventory.fleet`: the connector's settings. */
export const fleetSettingsSchema = z.object({
  url: z.url(),
  token: z.string().trim().min(1, 'is required'),
  queryId: z.number().int().positive().nullable().optional(),
  pageSize: z.number().int().min(1).max(10_000).default(500),
});
export type FleetSettings = z.infer<typeof fleetSettingsSchema>;

/** One page of `GET /api/v1/fleet/hosts`: each host is checked on its own, so only the list here. */
export const hostsPageSchema = z.object({ hosts: z.array(z.unknown()) });

/** A Fleet timestamp: RFC 3339, `2026-03-18T11:31:34Z` or with fractions. */
const timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an RFC 3339 time');

/** One host of the list. `software` and `device_mapping` items are checked one by one. */
export const fleetHostSchema = z.object({
  id: z.number().int().nonnegative(),
  hostname: z.string(),
  // display_name and computer_name are missing on older Fleet versions.
  display_name: z.string().optional(),
  computer_name: z.string().optional(),
  hardware_serial: z.string(),
  // The hardware UUID (osquery's system_info.uuid): what an osquery node's serial is checked against.
  uuid: z.string().optional(),
  // The model identifier ("Mac14,10"; "" for a host osquery could not read it on).
  hardware_model: z.string().optional(),
  platform: z.string().min(1),
  os_version: z.string(),
  build: z.string().optional(),
  seen_time: timestamp.nullable(),
  software: z.array(z.unknown()).nullable().optional(),
  device_mapping: z.array(z.unknown()).nullable().optional(),
});
export type FleetHost = z.infer<typeof fleetHostSchema>;

/** An entry of a host's `software` (`populate_software`); bundle_identifier only for macOS apps. */
export const fleetSoftwareSchema = z.object({
  name: z.string(),
  version: z.string(),
  source: z.string(),
  bundle_identifier: z.string().optional(),
});
export type FleetSoftware = z.infer<typeof fleetSoftwareSchema>;

/** An entry of `device_mapping`: source is `custom`, `identity_provider`, `google_chrome_profiles`. */
export const fleetDeviceMappingSchema = z.object({
  email: z.string().trim().min(1),
  source: z.string(),
});
export type FleetDeviceMapping = z.infer<typeof fleetDeviceMappingSchema>;

/** `GET /api/v1/fleet/queries/:id/report`; rows are checked one by one. */
export const queryReportSchema = z.object({
  query_id: z.number().optional(),
  report_clipped: z.boolean().optional(),
  // Fleet answers null rather than [] for a query that has no results yet.
  results: z.array(z.unknown()).nullable(),
});

/** A report row. Every column value is a string; the seed system's query had these three. */
export const queryReportRowSchema = z.object({
  host_id: z.number().int().nonnegative(),
  host_name: z.string(),
  columns: z.object({
    hardware_serial: z.string().optional(),
    os_version: z.string().optional(),
    chrome_version: z.string().optional(),
  }),
});
export type QueryReportRow = z.infer<typeof queryReportRowSchema>;
