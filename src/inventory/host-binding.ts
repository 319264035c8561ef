import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { bindBySerial, isDeviceAsserted, type IdentityClaim } from './host-identity.js';
import type { HostRecord } from './model.js';
import { fromSourceRow } from './page-plan.js';
import type { HostSourcesTable, HostsTable } from './tables.js';

/**
 * Which host each record of a page belongs to: the store reads, this decides (host-identity.ts
 * says when a serial may bind), and the store writes. No I/O beyond generating new host ids.
 */

/** What a page reads before it decides anything: its source rows, their hosts, their versions. */
export interface PageRead {
  /** This source's stored row per source id of the page. */
  readonly known: Map<string, Selectable<HostSourcesTable>>;
  /** Every source's rows of the hosts the page touches, by host id. */
  readonly views: Map<string, Selectable<HostSourcesTable>[]>;
  readonly hosts: Map<string, Selectable<HostsTable>>;
  /**
   * Existing hosts by serial: for records this source has not reported before, and for every
   * device-asserted record (its serial's holder is checked on each read).
   */
  readonly bySerial: Map<string, string>;
}

export interface HostIds {
  readonly hostIdOf: Map<string, string>;
  readonly created: Set<string>;
  /** Serials the page's new hosts take (a host kept apart takes none). */
  readonly claims: Map<string, string>;
  /** Existing hosts that lose their serial to a trusted record of this page. */
  readonly evicted: Set<string>;
  /** Hosts a device-asserted record was moved away from, its UUID no longer matching theirs. */
  readonly movedFrom: Set<string>;
}

const claimOf = (r: HostRecord): IdentityClaim => ({
  source: r.source,
  sourceId: r.sourceId,
  serial: r.serial,
  hardwareUuid: r.hardwareUuid ?? null,
});

/**
 * Existing mapping first, then a host with the same serial when host-identity allows it, else a
 * new host. A device-asserted record is checked even when already mapped: a node whose hardware
 * UUID stops matching the host's other sources is moved apart rather than left to overwrite it,
 * and a node kept apart joins the host holding its serial once that host's sources confirm it.
 * A host left with no source has nothing to say (no last-seen time) and turns inactive.
 */
export function resolveHostIds(
  source: string,
  records: readonly HostRecord[],
  read: PageRead,
): HostIds {
  const hostIdOf = new Map<string, string>();
  const bySerial = new Map(read.bySerial);
  const created = new Set<string>();
  const claims = new Map<string, string>();
  const evicted = new Set<string>();
  const movedFrom = new Set<string>();
  // Every host's rows as they stand during the page: the page's own records replace their rows.
  const rowsOf = new Map<string, IdentityClaim[]>();
  const pageIds = new Set(records.map((r) => r.sourceId));
  for (const [id, rows] of read.views)
    rowsOf.set(
      id,
      rows
        .filter((r) => r.source !== source || !pageIds.has(r.source_id))
        .map((r) => claimOf(fromSourceRow(r))),
    );
  for (const r of records) {
    const known = read.known.get(r.sourceId)?.host_id;
    if (known) rowsOf.get(known)?.push(claimOf(r));
  }
  const fresh = (): string => {
    const id = randomUUID();
    created.add(id);
    rowsOf.set(id, []);
    return id;
  };
  for (const r of records) {
    const claim = claimOf(r);
    const known = read.known.get(r.sourceId)?.host_id;
    let id: string;
    if (known) {
      id = known;
      if (isDeviceAsserted(source)) {
        const rows = rowsOf.get(known) ?? [];
        // It leaves a host whose other sources contradict it...
        let target: string | null = bindBySerial(claim, rows) === 'merge' ? known : null;
        // ...and joins the host holding its serial once that host's sources confirm it (a node
        // kept apart, after the admin fixed the UUID a source reported).
        const holder = r.serial ? bySerial.get(r.serial) : undefined;
        if (holder && holder !== known && bindBySerial(claim, rowsOf.get(holder) ?? []) === 'merge')
          target = holder;
        if (target !== known) {
          rowsOf.set(
            known,
            rows.filter((c) => c.sourceId !== r.sourceId),
          );
          movedFrom.add(known);
          id = target ?? fresh();
          rowsOf.get(id)?.push(claim);
        }
      }
    } else {
      const holder = r.serial ? bySerial.get(r.serial) : undefined;
      const binding = holder ? bindBySerial(claim, rowsOf.get(holder) ?? []) : 'merge';
      if (holder && binding === 'merge') id = holder;
      else {
        id = fresh();
        if (binding === 'evict-holder' && holder) evicted.add(holder);
        // Two records of one page with one serial are one machine; a host kept apart claims nothing.
        if (r.serial && binding !== 'keep-apart') {
          bySerial.set(r.serial, id);
          claims.set(r.serial, id);
        }
      }
      rowsOf.get(id)?.push(claim);
    }
    hostIdOf.set(r.sourceId, id);
  }
  return { hostIdOf, created, claims, evicted, movedFrom };
}
