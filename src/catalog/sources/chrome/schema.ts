/**
 * The VersionHistory API's "list releases" answer, declaring only what we read. Google's JSON
 * mapping omits fields at their default, so a zero fraction or an empty page may come without
 * `fraction`, `releases` or `nextPageToken`.
 */
import { z } from 'zod';

/** One page: `GET .../versions/all/releases?filter=endtime=none`. */
export const chromeReleasesPageSchema = z.object({
  releases: z.array(z.unknown()).default([]),
  nextPageToken: z.string().optional(),
});

/** One release: a version served to a fraction of a channel's users from startTime on. */
export const chromeReleaseSchema = z.object({
  version: z
    .string()
    .trim()
    .regex(/^\d+\.\d+\.\d+\.\d+$/, { message: 'not a Chrome version (four numbers)' }),
  serving: z.object({
    startTime: z
      .string()
      .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not a valid date' })
      .transform((s) => new Date(s).toISOString()),
    // Present once the release stopped serving; the filter should have dropped those already.
    endTime: z.string().optional(),
  }),
  fraction: z.number().min(0).max(1).default(0),
});

export type ChromeRelease = z.infer<typeof chromeReleaseSchema>;

const identifier = z
  .string()
  .regex(/^[a-z0-9_]+$/, { message: 'must be a VersionHistory identifier like "mac" or "stable"' });

/**
 * `feeds.chrome.platform`: one VersionHistory platform or several, comma-separated ("mac,win64").
 * Each is read for every channel and judges the hosts of its OS (see platformFamily).
 */
const platformList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((p) => p.trim()))
  .pipe(z.array(identifier).min(1, { message: 'name at least one platform' }));

/** `feeds.chrome.platform` / `feeds.chrome.channels` as they reach ctx.options. */
export const chromeOptionsSchema = z.object({
  platform: platformList.default(['mac', 'win64']),
  channels: z.array(identifier).min(1).default(['stable', 'extended']),
});
