import { readFile } from 'node:fs/promises';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { HostRecord, InventoryIssue } from '../../model.js';
import type { InventoryPage } from '../types.js';
import { hostFromFile } from './host-fields.js';
import { fileHostSchema, fileJsonSchema } from './schema.js';

/**
 * A JSON export: an array of hosts, read whole (JSON cannot be split safely without a streaming
 * parser; a 10,000-host export is a few MB) and yielded in pages of `pageSize` hosts.
 */
export async function* readJsonHosts(file: string, pageSize: number): AsyncIterable<InventoryPage> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new PatchbayError(
      'E_INVENTORY_PARSE',
      `${file}: not valid JSON (${(err as Error).message})`,
      { source: 'file', file, field: '(file)' },
    );
  }
  const list = fileJsonSchema.safeParse(doc);
  if (!list.success)
    throw new PatchbayError('E_INVENTORY_PARSE', `${file}: expected an array of hosts`, {
      source: 'file',
      file,
      field: '(file)',
    });
  for (let start = 0; start < list.data.length; start += pageSize) {
    const hosts: HostRecord[] = [];
    const issues: InventoryIssue[] = [];
    list.data.slice(start, start + pageSize).forEach((item, i) => {
      const record = `${file}[${start + i}]`;
      const parsed = fileHostSchema.safeParse(item);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          issues.push({
            source: 'file',
            record,
            field: issue.path.map(String).join('.') || '(host)',
            message: issue.message,
          });
        return;
      }
      const r = hostFromFile(parsed.data, record);
      if (r.host) hosts.push(r.host);
      issues.push(...r.issues);
    });
    yield { hosts, issues };
  }
}
