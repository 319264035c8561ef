import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * `server.trustProxy`: whose `X-Forwarded-For` / `X-Forwarded-Proto` / `X-Forwarded-Host` the
 * server believes. `false` (the default) believes nobody, so `request.ip` is the peer's own
 * address and a client cannot pick the address the login throttle and the logs see. `true`
 * believes every hop (only right when nothing but the proxy can reach Patchbay); a list believes
 * only the proxies named, by address, CIDR or proxy-addr's names for the private ranges.
 */
export type TrustProxy = boolean | readonly string[];

/** proxy-addr's names for address ranges, which Fastify accepts beside addresses and CIDRs. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a CIDR (`10.0.0.0/8`, `fd00::/8`) or one of the range names. */
export function isProxyAddress(text: string): boolean {
  if (RANGE_NAMES.has(text)) return true;
  const [addr = '', prefix, ...extra] = text.split('/');
  const family = isIP(addr);
  if (family === 0 || extra.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

const BOOLEAN_TEXT: Readonly<Record<string, boolean>> = {
  true: true,
  yes: true,
  '1': true,
  false: false,
  no: false,
  '0': false,
};

function fromList(items: readonly string[], ctx: z.RefinementCtx): TrustProxy {
  const list = items.map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((s) => !isProxyAddress(s));
  if (bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `expected true, false or proxy addresses/CIDRs (e.g. 127.0.0.1, 10.0.0.0/8, loopback); not an address: ${bad.join(', ')}`,
    });
    return z.NEVER;
  }
  return list.length > 0 ? list : false;
}

/**
 * The option's shape: YAML booleans and lists, or the environment's text (`true`, `a, b`). One
 * transform rather than a union, so a bad entry is reported as itself, not as "Invalid input".
 */
export const trustProxySchema: z.ZodType<TrustProxy> = z.unknown().transform((value, ctx) => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const flag = BOOLEAN_TEXT[value.trim().toLowerCase()];
    return flag ?? fromList(value.split(','), ctx);
  }
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string'))
    return fromList(value, ctx);
  ctx.addIssue({ code: 'custom', message: 'expected true, false or a list of proxy addresses' });
  return z.NEVER;
});
