/**
 * What an inventory connector's HostRecord must look like whatever the source sent (issue 9's
 * property tests): trimmed non-empty strings or null, a known platform, an ISO time, an owner
 * with an email, apps with a key and a version.
 */
import type { HostRecord } from '../src/inventory/model.js';

const PLATFORMS = new Set(['macos', 'ios', 'windows', 'linux', 'chromeos', 'unknown']);

/** What is wrong with a mapped host; [] when nothing is. */
export function hostProblems(h: HostRecord, source: string): string[] {
  const p: string[] = [];
  const where = `host ${h.sourceId}`;
  if (h.source !== source) p.push(`${where}: source ${h.source}`);
  if (typeof h.sourceId !== 'string' || h.sourceId === '') p.push(`${where}: sourceId`);
  if (!PLATFORMS.has(h.platform)) p.push(`${where}: platform ${h.platform}`);
  for (const [k, v] of Object.entries({ serial: h.serial, name: h.name, osVersion: h.osVersion }))
    if (v !== null && (typeof v !== 'string' || v.trim() === '' || v !== v.trim()))
      p.push(`${where}: ${k} ${JSON.stringify(v)}`);
  if (h.lastSeenAt !== null && new Date(h.lastSeenAt).toISOString() !== h.lastSeenAt)
    p.push(`${where}: lastSeenAt ${h.lastSeenAt}`);
  if (h.owner !== null && (typeof h.owner.email !== 'string' || h.owner.email.trim() === ''))
    p.push(`${where}: owner`);
  for (const a of h.apps ?? [])
    if (typeof a.key !== 'string' || a.key === '' || typeof a.version !== 'string')
      p.push(`${where}: app ${JSON.stringify(a)}`);
  return p;
}
