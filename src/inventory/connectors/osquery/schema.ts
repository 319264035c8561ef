import { z } from 'zod';

/**
 * osquery's TLS remote API, as osqueryd sends it (osquery docs "Remote settings", and
 * osquery/remote/enroll/enroll.cpp, plugins/logger/tls_logger.cpp). Only the fields Patchbay
 * reads are declared; everything else osqueryd sends passes through untouched.
 */

/** `inventory.osquery`: only the enroll secret; unset means the TLS API is not mounted. */
export const osquerySettingsSchema = z.object({
  enrollSecret: z.string().min(1),
});
export type OsquerySettings = z.infer<typeof osquerySettingsSchema>;

// osquery sends every column as a string; some versions send numbers for a few fields.
const text = z.union([z.string(), z.number()]).transform(String);

/** One row of a host-details table, as osqueryd copies it into the enroll request. */
const detailRow = z.record(z.string(), z.unknown());

/** POST enroll_tls_endpoint. The secret key name is `enroll_secret` unless overridden. */
export const enrollRequestSchema = z.object({
  enroll_secret: z.string().default(''),
  // The column is varchar(255); a longer identifier is a bad request, not a database error.
  host_identifier: z.string().min(1).max(255),
  // A bitmask (osquery/core/system PlatformType): 0x02 windows, 0x08 linux, 0x10 darwin.
  platform_type: text.optional(),
  host_details: z
    .object({
      os_version: detailRow.optional(),
      system_info: detailRow.optional(),
      osquery_info: detailRow.optional(),
      platform_info: detailRow.optional(),
    })
    .default({}),
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

/** POST config_tls_endpoint. */
export const configRequestSchema = z.object({ node_key: z.string() });

/** POST logger_tls_endpoint: `data` holds one parsed JSON object per log line. */
export const logRequestSchema = z.object({
  node_key: z.string(),
  log_type: z.enum(['result', 'status']),
  data: z.array(z.unknown()),
});
export type LogRequest = z.infer<typeof logRequestSchema>;

/** A query result row: every column a string (numbers with --logger_numerics). */
export const resultRowSchema = z.record(z.string(), text);
export type ResultRow = z.infer<typeof resultRowSchema>;

const resultCommon = {
  name: z.string().min(1),
  hostIdentifier: z.string().optional(),
  unixTime: z.coerce.number().int().nonnegative(),
  counter: z.coerce.number().int().nonnegative().default(0),
};

/** A snapshot query's whole result (`action: snapshot`); what Patchbay's own schedule yields. */
export const snapshotLineSchema = z.object({
  ...resultCommon,
  action: z.literal('snapshot'),
  snapshot: z.array(resultRowSchema),
});

/** One differential event (osquery's default "event" format): a row added or removed. */
export const eventLineSchema = z.object({
  ...resultCommon,
  action: z.enum(['added', 'removed']),
  columns: resultRowSchema,
});

/** A batched differential (`--logger_event_type=false`). */
export const batchLineSchema = z.object({
  ...resultCommon,
  diffResults: z.object({
    added: z.array(resultRowSchema).default([]),
    removed: z.array(resultRowSchema).default([]),
  }),
});

export type SnapshotLine = z.infer<typeof snapshotLineSchema>;
export type EventLine = z.infer<typeof eventLineSchema>;
export type BatchLine = z.infer<typeof batchLineSchema>;

// Rows of the stored snapshots, checked again when the connector reads them.
export const osVersionRowSchema = z.object({
  version: z.string(),
  build: z.string().optional(),
  platform: z.string().optional(),
  platform_like: z.string().optional(),
});
export const systemInfoRowSchema = z.object({
  hardware_serial: z.string().optional(),
  // The hardware UUID: what binds the serial a node reports to another source's host.
  uuid: z.string().optional(),
  computer_name: z.string().optional(),
  hostname: z.string().optional(),
});
export const appRowSchema = z.object({
  bundle_identifier: z.string().min(1),
  bundle_short_version: z.string().optional(),
  bundle_version: z.string().optional(),
  name: z.string().optional(),
});
export const programRowSchema = z.object({ name: z.string().min(1), version: z.string().min(1) });
export const packageRowSchema = z.object({ name: z.string().min(1), version: z.string().min(1) });
export const primaryUserRowSchema = z.object({
  username: z.string(),
  full_name: z.string().optional(),
});
