import type { z } from 'zod';
import type { FeedIssue } from '../model.js';

/** Turn a zod failure for one record into FeedIssues naming the field that was wrong. */
export function issuesFromZod(source: string, record: string, error: z.ZodError): FeedIssue[] {
  return error.issues.map((issue) => ({
    source,
    record,
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(record)',
    message: issue.message,
  }));
}

/**
 * Parse each record with its schema, keeping the good ones and collecting an issue for each bad
 * one: a single malformed record never costs the rest of the feed.
 */
export function parseEach<T>(
  source: string,
  items: readonly unknown[],
  schema: z.ZodType<T>,
  recordName: (item: unknown, index: number) => string,
): { ok: T[]; issues: FeedIssue[] } {
  const ok: T[] = [];
  const issues: FeedIssue[] = [];
  items.forEach((item, index) => {
    const res = schema.safeParse(item);
    if (res.success) ok.push(res.data);
    else issues.push(...issuesFromZod(source, recordName(item, index), res.error));
  });
  return { ok, issues };
}

/** A record's display name: its `key` field when it is a string, else its index. */
export function nameByKey(key: string): (item: unknown, index: number) => string {
  return (item, index) => {
    if (item && typeof item === 'object' && key in item) {
      const v = (item as Record<string, unknown>)[key];
      if (typeof v === 'string' || typeof v === 'number') return `${key}=${v}`;
    }
    return `#${index}`;
  };
}
