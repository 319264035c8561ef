import type { Finding } from '../compliance/model.js';
import { byUrgency, oneLine, plural } from './digest-text.js';
import type { DigestMachine } from './model.js';

/**
 * One update a person has to make, on one or more of their computers: the same product to the
 * same version, in the same state, on the same platform. A person with Chrome behind on seven
 * Macs reads one line ("Google Chrome … on 7 computers"), not seven copies of it.
 */
export interface UpdateGroup {
  readonly product: string;
  /** The host's platform when inventory knows it: Windows and Mac instructions differ. */
  readonly platform: string | undefined;
  /** The most urgent of the group's findings: its deadline and notes stand for the line. */
  readonly lead: Finding;
  /** Installed versions, oldest spelled first: "131.0.1" or "130.0.2, 131.0.1" or "4 versions". */
  readonly installed: string;
  readonly machines: readonly DigestMachine[];
}

/** Most installed versions a line spells out before it says "N versions". */
const MAX_VERSIONS = 2;

const groupKey = (f: Finding, platform: string | undefined): string =>
  [f.product, f.required ?? '', f.status, platform ?? ''].join('\u0000');

/** Groups the machines' items into updates, most urgent first (machines in the order given). */
export function groupUpdates(machines: readonly DigestMachine[]): UpdateGroup[] {
  const groups = new Map<string, { items: Finding[]; machines: DigestMachine[] }>();
  for (const m of machines) {
    for (const f of m.items) {
      const key = groupKey(f, m.platform);
      const g = groups.get(key) ?? { items: [], machines: [] };
      g.items.push(f);
      if (!g.machines.includes(m)) g.machines.push(m);
      groups.set(key, g);
    }
  }
  return [...groups.values()]
    .map(({ items, machines: ms }) => {
      const sorted = [...items].sort(byUrgency);
      const lead = sorted[0] as Finding;
      const versions = [...new Set(items.map((f) => f.installed))].sort();
      return {
        product: lead.product,
        platform: ms[0]?.platform,
        lead,
        installed:
          versions.length <= MAX_VERSIONS ? versions.join(', ') : `${versions.length} versions`,
        machines: ms,
      };
    })
    .sort((a, b) => byUrgency(a.lead, b.lead));
}

/** Names a line lists before it says "+N more": enough to recognise, short enough to scan. */
const MAX_NAMED = 3;

/** "on 7 computers: Ada-MBP-1, Ada-MBP-2, Ada-iMac +4 more", or "" for a person's only computer. */
export function whereText(
  g: UpdateGroup,
  label: (m: DigestMachine) => string,
  personMachines: number,
): string {
  if (personMachines <= 1) return '';
  const named = g.machines.slice(0, MAX_NAMED).map((m) => oneLine(label(m), 40));
  const rest = g.machines.length - named.length;
  const list = `${named.join(', ')}${rest > 0 ? ` +${rest} more` : ''}`;
  return g.machines.length === 1
    ? `on ${list}`
    : `on ${plural(g.machines.length, 'computer')}: ${list}`;
}

/**
 * A per-product setting from config, the platform's own first: `chrome.windows` before
 * `chrome`, so a Windows user is not sent to the Mac instructions.
 */
export function perPlatform(
  table: Readonly<Record<string, string>> | undefined,
  product: string,
  platform: string | undefined,
): string | undefined {
  if (!table) return undefined;
  return (platform ? table[`${product}.${platform}`] : undefined) ?? table[product];
}
