import type { GeneratedHost } from './generate.js';
import { jacksonStringify } from './jackson-json.js';
import { isSectionName, renderClassic, renderProRecord, type SectionName } from './render.js';
import { CLASSIC_404_HTML } from './tokens.js';

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const JSON_TYPE = { 'content-type': 'application/json;charset=UTF-8' };

/** The fleet the stand-in serves, with the in-process ways to spoil parts of it. */
export interface FleetState {
  readonly hosts: readonly GeneratedHost[];
  /** Per computer id: a change applied to its rendered record (a malformed record). */
  readonly corruptions: ReadonlyMap<number, (record: Record<string, unknown>) => void>;
  /** Per page number: a body served instead of the page (a page that is not what Jamf documents). */
  readonly brokenPages: ReadonlyMap<number, string>;
}

const SORTS: Record<string, (a: GeneratedHost, b: GeneratedHost) => number> = {
  'id:asc': (a, b) => a.id - b.id,
  'id:desc': (a, b) => b.id - a.id,
  'general.name:asc': (a, b) => a.name.localeCompare(b.name) || a.id - b.id,
};

/**
 * GET /api/v1/computers-inventory: zero-based `page`, `page-size` (default 100), repeated
 * `section` (default GENERAL), `sort` (default general.name:asc), answered as
 * `{ totalCount, results }` where totalCount counts the whole fleet, not the page.
 */
export function computersInventory(fleet: FleetState, query: URLSearchParams): Answer {
  const page = Number(query.get('page') ?? '0');
  const size = Number(query.get('page-size') ?? '100');
  const sort = SORTS[query.get('sort') ?? 'general.name:asc'];
  const requested = query.getAll('section');
  const bad = requested.find((s) => !isSectionName(s));
  if (
    !Number.isInteger(page) ||
    page < 0 ||
    !Number.isInteger(size) ||
    size < 1 ||
    !sort ||
    bad !== undefined
  ) {
    const errors = [
      {
        code: 'INVALID_FIELD',
        description: `Invalid query parameter${bad ? `: section ${bad}` : ''}`,
        id: '0',
        field: bad ? 'section' : null,
      },
    ];
    return { status: 400, headers: JSON_TYPE, body: jacksonStringify({ httpStatus: 400, errors }) };
  }
  const broken = fleet.brokenPages.get(page);
  if (broken !== undefined) return { status: 200, headers: JSON_TYPE, body: broken };
  const sections = new Set<SectionName>(
    requested.length > 0 ? (requested as SectionName[]) : ['GENERAL'],
  );
  const slice = [...fleet.hosts].sort(sort).slice(page * size, (page + 1) * size);
  const results = slice.map((h) => {
    const record = renderProRecord(h, sections);
    fleet.corruptions.get(h.id)?.(record);
    return record;
  });
  return {
    status: 200,
    headers: JSON_TYPE,
    body: jacksonStringify({ totalCount: fleet.hosts.length, results }),
  };
}

/**
 * GET /JSSResource/computers/serialnumber/{serial}: JSON when asked with Accept: application/json,
 * XML otherwise (the Classic API's default), Tomcat's HTML page when there is no such computer.
 */
export function classicBySerial(
  fleet: FleetState,
  serial: string,
  accept: string | undefined,
): Answer {
  const host = fleet.hosts.find((h) => h.serial === serial);
  if (!host)
    return {
      status: 404,
      headers: { 'content-type': 'text/html;charset=UTF-8' },
      body: CLASSIC_404_HTML,
    };
  if (!accept?.includes('application/json')) {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><computer><general><id>${host.id}</id><serial_number>${host.serial}</serial_number></general></computer>`;
    return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body: xml };
  }
  return { status: 200, headers: JSON_TYPE, body: JSON.stringify(renderClassic(host)) };
}
