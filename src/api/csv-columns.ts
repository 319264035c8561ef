import type { FindingWithHost } from '../compliance/findings-query.js';
import type { HostView } from '../inventory/host-query.js';
import type { z } from 'zod';
import { csvList } from './csv.js';
import { csvColumn as col, type CsvColumn } from './csv-export.js';
import type { person, ttiStats } from './schemas.js';

/*
 * The columns of the API's CSV exports. Names are a contract (scripts and spreadsheets read them):
 * snake_case, units in the name (`_at` is an ISO 8601 UTC time, `_days` whole or fractional days),
 * lists space-separated. Add columns at the end; never rename one.
 */

export const HOST_COLUMNS: readonly CsvColumn<HostView>[] = [
  col('id', 'host id', (h) => h.id),
  col('name', 'computer name', (h) => h.name),
  col('serial', 'serial number', (h) => h.serial),
  col('platform', 'macos, windows, linux...', (h) => h.platform),
  col('os_version', 'OS version', (h) => h.osVersion),
  col('os_build', 'OS build', (h) => h.osBuild),
  col('last_seen_at', 'last check-in, ISO 8601', (h) => h.lastSeenAt),
  col('active', 'true while an inventory source still reports it', (h) => h.active),
  col('owner_email', 'owner email', (h) => h.owner?.email),
  col('owner_name', 'owner name', (h) => h.owner?.name),
  col('owner_source', 'source the owner came from', (h) => h.owner?.source),
  col('products', 'installed watched products, product=version, space-separated', (h) =>
    csvList(Object.entries(h.products).map(([p, v]) => `${p}=${v}`)),
  ),
  col('sources', 'inventory sources reporting it, space-separated', (h) => csvList(h.sources)),
  col(
    'conflict_serial',
    'serial it claims that another host holds',
    (h) => h.identityConflict?.serial,
  ),
  col('conflict_host_id', 'the host holding that serial', (h) => h.identityConflict?.hostId),
];

export const FINDING_COLUMNS: readonly CsvColumn<FindingWithHost>[] = [
  col('host_id', 'host id', (f) => f.hostId),
  col('host_name', 'computer name', (f) => f.hostName),
  col('owner_email', 'owner email', (f) => f.ownerEmail),
  col('product', 'product id', (f) => f.product),
  col('product_name', 'product name', (f) => f.productName),
  col('track', 'release track', (f) => f.track),
  col('status', 'current, pending, overdue, unsupported or unknown', (f) => f.status),
  col('installed', 'installed version', (f) => f.installed),
  col('required', 'version policy requires', (f) => f.required),
  col(
    'required_released_at',
    'when the required version came out, ISO 8601',
    (f) => f.requiredReleasedAt,
  ),
  col('deadline_at', 'when it must be installed by, ISO 8601', (f) => f.deadline),
  col('days_overdue', 'whole days past the deadline (0 when not overdue)', (f) => f.daysOverdue),
  col('exploited_cves', 'actively exploited CVEs fixed by the update, space-separated', (f) =>
    csvList(f.exploitedCves),
  ),
  col('cve_count', 'CVEs fixed by the update', (f) => f.cveCount),
  col('reason', 'why this status, in words', (f) => f.reason),
];

type Person = z.input<typeof person>;

export const PERSON_COLUMNS: readonly CsvColumn<Person>[] = [
  col('email', 'owner email', (p) => p.email),
  col('name', 'owner name', (p) => p.name),
  col('hosts', 'active hosts they own', (p) => p.hosts),
  col('current', 'findings current', (p) => p.findings.current),
  col('pending', 'findings pending (within grace)', (p) => p.findings.pending),
  col('overdue', 'findings overdue', (p) => p.findings.overdue),
  col('unsupported', 'findings on an unsupported version', (p) => p.findings.unsupported),
  col('unknown', 'findings unknown (feed failed or stale)', (p) => p.findings.unknown),
  col('last_digest_cycle', 'cycle of their last digest', (p) => p.lastDigest?.cycle),
  col('last_digest_status', 'pending, sending, sent or failed', (p) => p.lastDigest?.status),
  col('last_digest_created_at', 'ISO 8601', (p) => p.lastDigest?.createdAt),
  col('last_digest_sent_at', 'ISO 8601', (p) => p.lastDigest?.sentAt),
  col(
    'computers_with_findings',
    'active computers they own with watched products',
    (p) => p.computers.withFindings,
  ),
  col(
    'computers_overdue',
    'computers with an update past its deadline',
    (p) => p.computers.overdue,
  ),
  col(
    'computers_pending',
    'computers with an update within its grace period',
    (p) => p.computers.pending,
  ),
  col('oldest_missed_at', 'their oldest missed deadline, ISO 8601', (p) => p.oldestMissedAt),
];

type TtiStats = z.input<typeof ttiStats>;

export const TTI_COLUMNS: readonly CsvColumn<TtiStats>[] = [
  col('product', 'product id', (t) => t.product),
  col('track', 'release track', (t) => t.track),
  col('version', 'release version', (t) => t.version),
  col('released_at', 'ISO 8601', (t) => t.releasedAt),
  col('age_days', 'days the release has been out', (t) => t.ageDays),
  col('hosts_needing', 'hosts that needed it', (t) => t.hostsNeeding),
  col('hosts_installed', 'hosts that installed it', (t) => t.hostsInstalled),
  col('hosts_waiting', 'hosts still waiting', (t) => t.hostsWaiting),
  col('hosts_left', 'hosts that left the fleet before installing', (t) => t.hostsLeft),
  col(
    'median_days',
    'Kaplan-Meier median days to install; empty: not reached',
    (t) => t.medianDays,
  ),
  col('p90_days', 'days by which 90% installed; empty: not reached', (t) => t.p90Days),
  col(
    'within_7_days_share',
    'estimated share installed within 7 days, 0-1; empty: release younger than that',
    (t) => t.within7,
  ),
  col(
    'within_14_days_share',
    'estimated share installed within 14 days, 0-1; empty: release younger than that',
    (t) => t.within14,
  ),
  col(
    'within_30_days_share',
    'estimated share installed within 30 days, 0-1; empty: release younger than that',
    (t) => t.within30,
  ),
];
