/**
 * The slice of Homebrew's per-cask JSON (https://formulae.brew.sh/api/cask/<token>.json) we read.
 * The document carries many more keys (url, sha256, artifacts, depends_on, analytics, ...); none of
 * them says anything about which release is current beyond `version`, so they are not declared.
 */
import { z } from 'zod';

/** The top level must at least be an object; anything else is a whole-document failure. */
export const caskDocumentSchema = z.record(z.string(), z.unknown());

/** One cask, as its own JSON document. */
export const caskSchema = z.object({
  token: z.string().trim().min(1),
  // Marketing names, most specific first ("Google Chrome"); a few casks list none.
  name: z.array(z.string()).default([]),
  // "1.2.3", "1.2.3,4567" (version,build) or "latest" for casks that always fetch the newest.
  version: z.string().trim().min(1),
});

export type Cask = z.infer<typeof caskSchema>;
