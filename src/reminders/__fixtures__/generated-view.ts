import type { Finding } from '../../compliance/model.js';
import type { FindingsView } from '../../compliance/service.js';
import { finding } from './findings.js';

/** A host as the view carries it, whatever module defines it. */
type HostOf = FindingsView['hosts'] extends ReadonlyMap<string, infer H> ? H : never;

/** One generated person: their Slack account and the one Mac they own. */
export interface GeneratedPerson {
  readonly email: string;
  readonly slackUserId: string;
  readonly hostId: string;
}

/**
 * A findings view for `n` people with one overdue Mac each, built in memory: reminder tests and
 * the benchmark feed it to the cycle's `findings` dependency without caring how findings are
 * computed or stored.
 */
export function generatedView(n: number): { view: FindingsView; people: GeneratedPerson[] } {
  const people: GeneratedPerson[] = [];
  const findings: Finding[] = [];
  const hosts = new Map<string, HostOf>();
  for (let i = 0; i < n; i++) {
    const p = {
      email: `person${i}@example.com`,
      slackUserId: `U${String(i).padStart(8, '0')}`,
      hostId: `h${i}`,
    };
    people.push(p);
    hosts.set(p.hostId, {
      id: p.hostId,
      name: `mac-${i}`,
      serial: `C02${String(i).padStart(9, '0')}`,
      platform: 'macos',
      ownerEmail: p.email,
      ownerName: null,
      active: true,
      products: { macos: '15.7.8' },
    });
    findings.push(
      finding({
        hostId: p.hostId,
        product: 'macos',
        productName: 'macOS',
        track: '15',
        status: 'overdue',
        installed: '15.7.8',
        required: '15.7.9',
        requiredReleasedAt: '2026-08-06T00:00:00.000Z',
        deadline: '2026-08-20T00:00:00.000Z',
        daysOverdue: 5,
      }),
    );
  }
  return { view: { findings, hosts }, people };
}
