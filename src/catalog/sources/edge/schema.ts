/**
 * Microsoft Edge products API (https://edgeupdates.microsoft.com/api/products): an array of
 * channels, each with its current releases per platform. Only the fields we use are declared.
 */
import { z } from 'zod';

/** The document: a JSON array of products. */
export const edgeProductsSchema = z.array(z.unknown());

/** One product: a browser channel ("Stable", "Beta", ...) or a helper ("EdgeUpdate", "Policy"). */
export const edgeProductSchema = z.object({
  Product: z.string().min(1),
  Releases: z.array(z.unknown()),
});

/** The API writes times without a zone ("2024-05-11T06:47:00"); they are UTC. */
const utcTime = z
  .string()
  .transform((s) => (/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`))
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not a valid date' })
  .transform((s) => new Date(s).toISOString());

/** One release of a channel on one platform/architecture. */
export const edgeReleaseSchema = z.object({
  ReleaseId: z.number().int(),
  Platform: z.string(),
  ProductVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+\.\d+$/, { message: 'not an Edge version (a.b.c.d)' }),
  CVEs: z.array(z.string()).nullish(),
  PublishedTime: utcTime.nullish(),
});

export type EdgeRelease = z.infer<typeof edgeReleaseSchema>;
