import type { z } from 'zod';
import type { InventoryIssue } from '../../model.js';

/** The connector id, as every HostRecord and InventoryIssue names it. */
export const SOURCE = 'fleet';

/** Turn a zod failure into issues naming the field (dotted, under `prefix`) that was wrong. */
export function issuesFromZod(record: string, error: z.ZodError, prefix = ''): InventoryIssue[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
    return {
      source: SOURCE,
      record,
      field: path === '' ? '(record)' : path,
      message: issue.message,
    };
  });
}

/**
 * How an issue names a host that may be malformed: its Fleet id when it has a usable one, else
 * its serial or hostname, else its place on the page.
 */
export function hostLabel(raw: unknown, where: string): string {
  if (raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    const parts: string[] = [];
    if (typeof r['id'] === 'number' || typeof r['id'] === 'string')
      parts.push(`host ${String(r['id'])}`);
    if (typeof r['hardware_serial'] === 'string' && r['hardware_serial'].trim() !== '')
      parts.push(`serial ${r['hardware_serial'].trim()}`);
    if (parts.length === 0 && typeof r['hostname'] === 'string')
      parts.push(`hostname ${r['hostname']}`);
    if (parts.length > 0) return parts.join(', ');
  }
  return where;
}
