import { z } from 'zod';

/** `inventory.files`: the exports to read, each `.csv` or `.json` (the extension decides). */
export const fileSettingsSchema = z.object({
  files: z.array(
    z
      .string()
      .min(1)
      .regex(/\.(csv|json)$/i, 'must end in .csv or .json'),
  ),
});
export type FileSettings = z.infer<typeof fileSettingsSchema>;

const optionalText = z
  .string()
  .nullish()
  .transform((s) => (s == null || s.trim() === '' ? null : s.trim()));

/** One installed app in a JSON export. */
export const fileAppSchema = z.object({
  kind: z.enum(['bundle-id', 'program', 'package']),
  key: z.string().trim().min(1),
  name: optionalText,
  version: z.string().trim().min(1),
});

/**
 * One host as a CSV row or a JSON object carries it: every field a string (or absent), checked
 * and converted in host-fields.ts so CSV and JSON report problems the same way.
 */
export const fileHostSchema = z.object({
  id: optionalText,
  serial: optionalText,
  // Lets an osquery node reporting this serial join the host (src/inventory/host-identity.ts).
  hardware_uuid: optionalText,
  // The model identifier ("Mac14,10"): which macOS majors the Mac can run (docs/policies.md).
  model: optionalText,
  name: optionalText,
  platform: optionalText,
  os_version: optionalText,
  os_build: optionalText,
  last_seen: optionalText,
  owner_email: optionalText,
  owner_name: optionalText,
  apps: z.array(fileAppSchema).optional(),
});
export type FileHost = z.infer<typeof fileHostSchema>;

/** A JSON export: an array of host objects (checked one by one). */
export const fileJsonSchema = z.array(z.unknown());
