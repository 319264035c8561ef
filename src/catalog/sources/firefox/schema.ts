/**
 * Mozilla product-details (https://product-details.mozilla.org/1.0/), the two files we read.
 * Only the fields we use are declared.
 */
import { z } from 'zod';

/** firefox_versions.json: a flat object of channel name -> version string (or ""). */
export const firefoxVersionsSchema = z.record(z.string(), z.unknown());

/** A shipped release version as product-details writes it: "113.0.1", "102.11.0esr". */
export const firefoxVersionString = z
  .string()
  .regex(/^\d+(\.\d+)+(esr)?$/, { message: 'not a Firefox release version' });

/** firefox.json: every release ever shipped, keyed "firefox-<version>" ("firefox-102.11.0esr"). */
export const firefoxHistorySchema = z.object({
  releases: z.record(z.string(), z.unknown()),
});

/** One firefox.json entry; `date` is the ship date, a plain YYYY-MM-DD (taken as UTC). */
export const firefoxHistoryEntrySchema = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'not a YYYY-MM-DD date' })
    .transform((d) => new Date(`${d}T00:00:00Z`).toISOString()),
});
