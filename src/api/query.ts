import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** A boolean query flag: `true`/`1` or `false`/`0`. */
export const queryFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** A comma-separated list (`product=macos,chrome`). */
export const queryList = z
  .string()
  .regex(/^[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*$/, 'expected a comma-separated list of ids')
  .transform((v) => v.split(','));

export const MAX_PAGE = 1000;

/** limit/offset paging; X-Total-Count and a Link rel="next" header tell a client what is left. */
export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE)
    .default(100)
    .describe(`page size, 1-${MAX_PAGE}`),
  offset: z.coerce.number().int().min(0).default(0).describe('items to skip'),
};

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'X-Total-Count': 'the number of items matching the filters, all pages together',
  Link: 'RFC 8288 link to the next page (rel="next"), absent on the last page',
};

/**
 * Paging headers (PAGE_HEADERS) for a page read with LIMIT/OFFSET in SQL, with the total
 * counted by the database rather than by loading every item.
 */
export function pageHeaders(
  total: number,
  page: { readonly limit: number; readonly offset: number },
  req: FastifyRequest,
  reply: FastifyReply,
): void {
  const next = page.offset + page.limit;
  void reply.header('x-total-count', String(total));
  if (next < total) {
    const url = new URL(req.url, 'http://patchbay.invalid');
    url.searchParams.set('offset', String(next));
    url.searchParams.set('limit', String(page.limit));
    void reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
  }
}
