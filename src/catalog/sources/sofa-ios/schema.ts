/**
 * SOFA's macOS and iOS v1 feeds share one wire format, so their zod schemas live once in
 * ../sofa-feed.ts; they are re-exported here so every feed folder has its schema in one place.
 */
export {
  sofaFeedSchema,
  sofaLatestSchema,
  sofaOsVersionSchema,
  sofaReleaseSchema,
} from '../sofa-feed.js';
