import { createReadStream } from 'node:fs';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { HostRecord, InventoryIssue } from '../../model.js';
import type { InventoryPage } from '../types.js';
import { readCsvRecords, type CsvRecord } from './csv.js';
import { appColumn, hostFromFile } from './host-fields.js';
import { fileHostSchema } from './schema.js';

const FIELDS = [
  'id',
  'serial',
  'hardware_uuid',
  'model',
  'name',
  'platform',
  'os_version',
  'os_build',
  'last_seen',
  'owner_email',
  'owner_name',
];

interface Header {
  readonly names: readonly string[];
  readonly hasApps: boolean;
}

function readHeader(file: string, rec: CsvRecord): Header {
  // Known columns match whatever their case; app columns keep theirs (bundle ids are case-sensitive).
  const names = rec.fields.map((f) => {
    const t = f.trim();
    return FIELDS.includes(t.toLowerCase()) ? t.toLowerCase() : t;
  });
  // A set, not indexOf per name: a header of thousands of columns stays linear.
  const seen = new Set<string>();
  for (const n of names) {
    if (n !== '' && seen.has(n))
      throw new PatchbayError(
        'E_INVENTORY_PARSE',
        `${file}: column "${n}" appears twice in the header`,
        { source: 'file', file, line: rec.line, field: n },
      );
    seen.add(n);
  }
  if (!seen.has('id') && !seen.has('serial') && !seen.has('name'))
    throw new PatchbayError(
      'E_INVENTORY_PARSE',
      `${file}: the header needs an id, serial or name column`,
      { source: 'file', file, line: rec.line, field: '(header)' },
    );
  return { names, hasApps: names.some((n) => appColumn(n) !== null) };
}

function rowToHost(
  file: string,
  header: Header,
  rec: CsvRecord,
): { host: HostRecord | null; issues: InventoryIssue[] } {
  const record = `${file}:${rec.line}`;
  const issue = (field: string, message: string) => ({
    host: null,
    issues: [{ source: 'file', record, field, message }],
  });
  if (rec.fields.length !== header.names.length)
    return issue(
      '(row)',
      `${rec.fields.length} columns where the header has ${header.names.length}`,
    );
  const obj: Record<string, unknown> = {};
  const apps: { kind: string; key: string; name: null; version: string }[] = [];
  header.names.forEach((col, i) => {
    const cell = rec.fields[i] ?? '';
    const app = appColumn(col);
    if (app) {
      // An empty cell means "not installed".
      if (cell.trim() !== '') apps.push({ ...app, name: null, version: cell.trim() });
    } else if (FIELDS.includes(col)) obj[col] = cell;
  });
  if (header.hasApps) obj.apps = apps;
  const parsed = fileHostSchema.safeParse(obj);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return issue(first?.path.map(String).join('.') ?? '(row)', first?.message ?? 'invalid');
  }
  return hostFromFile(parsed.data, record);
}

/** Stream a CSV export as pages of `pageSize` rows. */
export async function* readCsvHosts(file: string, pageSize: number): AsyncIterable<InventoryPage> {
  let header: Header | null = null;
  let hosts: HostRecord[] = [];
  let issues: InventoryIssue[] = [];
  let rows = 0;
  const take = (rec: CsvRecord): void => {
    if (!header) {
      header = readHeader(file, rec);
      return;
    }
    const r = rowToHost(file, header, rec);
    if (r.host) hosts.push(r.host);
    issues.push(...r.issues);
    rows++;
  };
  const flush = (): InventoryPage => {
    const page = { hosts, issues };
    hosts = [];
    issues = [];
    rows = 0;
    return page;
  };
  try {
    for await (const rec of readCsvRecords(createReadStream(file, { encoding: 'utf8' }), file)) {
      take(rec);
      if (rows >= pageSize) yield flush();
    }
  } catch (err) {
    if (err instanceof PatchbayError) throw err;
    // The parser's own problems are coded already; what is left is reading the file itself.
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new PatchbayError(
      'E_INVENTORY_FILE',
      `Inventory file ${file} cannot be read (${code})`,
      { source: 'file', file, field: '(file)' },
      { cause: err },
    );
  }
  if (rows > 0 || issues.length > 0) yield flush();
}
