import type { HostRecord } from './model.js';

/**
 * A connector may report one host in several records (Fleet's host list, then its saved query
 * report). Within a page they are folded together: a later record's non-null fields win.
 */
export function foldRecords(hosts: readonly HostRecord[]): HostRecord[] {
  const byId = new Map<string, HostRecord>();
  for (const h of hosts) {
    const prev = byId.get(h.sourceId);
    byId.set(h.sourceId, prev ? overlay(prev, h) : h);
  }
  return [...byId.values()];
}

/** `next` over `base`, field by field: null (or platform `unknown`) never erases a known value. */
export function overlay(base: HostRecord, next: HostRecord): HostRecord {
  return {
    source: base.source,
    sourceId: base.sourceId,
    serial: next.serial ?? base.serial,
    name: next.name ?? base.name,
    platform: next.platform !== 'unknown' ? next.platform : base.platform,
    osVersion: next.osVersion ?? base.osVersion,
    osBuild: next.osBuild ?? base.osBuild,
    lastSeenAt: latest(base.lastSeenAt, next.lastSeenAt),
    owner: next.owner ?? base.owner,
    apps: mergeApps(base.apps, next.apps),
  };
}

function latest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

function mergeApps(a: HostRecord['apps'], b: HostRecord['apps']): HostRecord['apps'] {
  if (a === null) return b;
  if (b === null) return a;
  const seen = new Set(b.map((x) => `${x.kind}:${x.key}`));
  return [...b, ...a.filter((x) => !seen.has(`${x.kind}:${x.key}`))];
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
