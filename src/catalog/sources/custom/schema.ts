/**
 * The custom feed format: a hand-written JSON file for products no public feed covers. Described
 * for people in docs/custom-feed.md; keep the two in step. Objects are strict so that a typo
 * ("exploitedCVEs") is reported instead of silently dropping what the admin meant to say.
 */
import { z } from 'zod';
import type { Platform } from '../../model.js';
import type { VersionSchemeId } from '../../versions/types.js';

export const PLATFORMS = ['macos', 'ios', 'windows', 'linux', 'chromeos', 'cross'] as const;
export const SCHEMES = ['apple-os', 'chrome', 'dotted', 'semver'] as const;

// Compile-time guard: a platform or scheme added to the model must be added here too.
type Exhaustive<T extends readonly string[], U> = [Exclude<U, T[number]>] extends [never]
  ? true
  : never;
const platformsComplete: Exhaustive<typeof PLATFORMS, Platform> = true;
const schemesComplete: Exhaustive<typeof SCHEMES, VersionSchemeId> = true;
void platformsComplete;
void schemesComplete;

/** Product and track ids end up in config keys, URLs and policies: keep them plain. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and hyphens (e.g. "acme-vpn")');

const cveSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^CVE-\d{4}-\d{4,}$/, 'must be a CVE id like "CVE-2025-12345"');

// A date alone is midnight UTC; a time must say its offset, or the moment would depend on the
// server's time zone.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
/** V8 happily reads "2025-02-30" as 2 March; the calendar date written must exist. */
function isIsoDate(s: string): boolean {
  if (!ISO_8601.test(s) || Number.isNaN(Date.parse(s))) return false;
  const ymd = s.slice(0, 10);
  return new Date(`${ymd}T00:00:00Z`).toISOString().slice(0, 10) === ymd;
}

const dateSchema = z
  .string()
  .trim()
  .refine(isIsoDate, {
    message:
      'must be an ISO 8601 date ("2025-03-04") or date-time with offset ("2025-03-04T17:00:00Z")',
  })
  .transform((s) => new Date(s).toISOString());

/** The whole document: only `products` is read; other top-level keys (a comment) are ignored. */
export const customDocumentSchema = z.object({ products: z.array(z.unknown()) });

/** One release; parsed on its own so a bad one costs only itself. */
export const customReleaseSchema = z.strictObject({
  version: z.string().trim().min(1),
  build: z.string().trim().min(1).nullish(),
  releasedAt: dateSchema.nullish(),
  cves: z.array(cveSchema).default([]),
  exploitedCves: z.array(cveSchema).default([]),
  url: z.url({ protocol: /^https?$/ }).nullish(),
});

const trackSchema = z.strictObject({
  id: idSchema,
  name: z.string().trim().min(1).optional(),
  releases: z.array(z.unknown()).default([]),
});

/** One product with its tracks; its releases stay unparsed here. */
export const customProductSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().trim().min(1),
    platform: z.enum(PLATFORMS),
    scheme: z.enum(SCHEMES),
    tracks: z.array(trackSchema).min(1),
  })
  .superRefine((product, ctx) => {
    const seen = new Set<string>();
    product.tracks.forEach((track, i) => {
      if (seen.has(track.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tracks', i, 'id'],
          message: `duplicate track id "${track.id}"`,
        });
      }
      seen.add(track.id);
    });
  });

export type CustomRelease = z.infer<typeof customReleaseSchema>;
export type CustomProduct = z.infer<typeof customProductSchema>;
