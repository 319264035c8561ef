import type { GeneratedHost } from './generate.js';
import { renderHost, type RenderOptions } from './host-json.js';

// Fleet pages 20 hosts when `page` is given without `per_page`; without either it lists them all.
const DEFAULT_PER_PAGE = 20;
const ORDER_KEYS: Readonly<Record<string, (h: GeneratedHost) => string | number>> = {
  id: (h) => h.id,
  hostname: (h) => h.hostname,
  hardware_serial: (h) => h.serial,
  seen_time: (h) => h.seenTime,
};

/**
 * `GET /api/v1/fleet/hosts` over the stand-in's hosts: offset pagination (`page` is 0-based,
 * `per_page` hosts each), ordered by `order_key`/`order_direction`, with software and device
 * mapping only when asked, as Fleet does. A page past the end is `{"hosts": []}`.
 */
export function listHosts(
  hosts: readonly GeneratedHost[],
  params: URLSearchParams,
  malformed: ReadonlyMap<number, Record<string, unknown>>,
): { ok: true; hosts: Record<string, unknown>[] } | { ok: false; reason: string } {
  const page = intParam(params, 'page');
  const perPage = intParam(params, 'per_page');
  if (page === 'bad') return { ok: false, reason: 'non-int page value' };
  if (perPage === 'bad') return { ok: false, reason: 'non-int per_page value' };
  const orderKey = params.get('order_key') ?? 'id';
  const key = ORDER_KEYS[orderKey];
  if (!key) return { ok: false, reason: `invalid order key: ${orderKey}` };
  const desc = params.get('order_direction') === 'desc';
  const sorted =
    orderKey === 'id' && !desc
      ? hosts
      : [...hosts].sort((a, b) => compare(key(a), key(b)) * (desc ? -1 : 1));
  const size = perPage ?? (page === null ? sorted.length : DEFAULT_PER_PAGE);
  const start = (page ?? 0) * size;
  const populate = params.get('populate_software');
  const opts: RenderOptions = {
    software:
      populate === 'true'
        ? 'full'
        : populate === 'without_vulnerability_details'
          ? 'without_vulnerability_details'
          : 'none',
    deviceMapping: params.get('device_mapping') === 'true',
  };
  const out = sorted.slice(start, start + size).map((h) => {
    const json = renderHost(h, opts);
    const patch = malformed.get(h.id);
    if (patch) {
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) delete json[k];
        else json[k] = v;
      }
    }
    return json;
  });
  return { ok: true, hosts: out };
}

function intParam(params: URLSearchParams, name: string): number | null | 'bad' {
  const raw = params.get(name);
  if (raw === null || raw === '') return null;
  return /^\d+$/.test(raw) ? Number(raw) : 'bad';
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
