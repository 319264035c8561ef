/**
 * The slice of the Chrome Releases Atom feed we read, as fast-xml-parser hands it over
 * (attributes prefixed `@_`, an element with attributes as `{ '#text', '@_type' }`).
 */
import { z } from 'zod';

/** Atom text constructs: Blogger writes `<title type='text'>`, captures often drop the type. */
const atomText = z
  .union([z.string(), z.object({ '#text': z.string().optional() })])
  .transform((v) => (typeof v === 'string' ? v : (v['#text'] ?? '')));

const atomLink = z.object({
  '@_rel': z.string().optional(),
  '@_href': z.string().optional(),
});

/** One `<entry>`: a blog post. Only the fields we use are declared. */
export const atomEntrySchema = z.object({
  id: atomText.optional(),
  title: atomText.default(''),
  published: atomText.refine((s) => !Number.isNaN(Date.parse(s)), {
    message: 'not a valid date',
  }),
  // Blogger puts the post body HTML in `content`, entity-escaped; `summary` in some exports.
  content: atomText.optional(),
  summary: atomText.optional(),
  link: z.array(atomLink).default([]),
});

export type AtomEntry = z.infer<typeof atomEntrySchema>;

/** The document root: an Atom `<feed>`; `entry` is forced to an array by the parser options. */
export const atomFeedSchema = z.object({
  feed: z.object({ entry: z.array(z.unknown()).default([]) }),
});
