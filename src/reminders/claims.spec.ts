import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import type { Finding } from '../compliance/model.js';
import type { FindingsView } from '../compliance/service.js';
import { followUpClaims } from './claims.js';
import type { SlackPort } from './slack-port.js';
import { ReminderStore } from './store.js';

const NOW = new Date('2026-09-01T10:00:00Z');

function finding(hostId: string, status: Finding['status']): Finding {
  return {
    hostId,
    product: 'macos',
    productName: 'macOS',
    track: '15',
    status,
    installed: '15.7.8',
    required: '15.7.9',
    requiredReleasedAt: null,
    deadline: null,
    daysOverdue: 0,
    exploitedCves: [],
    cveCount: 0,
    reason: '',
  };
}

function view(findings: Finding[]): FindingsView {
  return {
    findings,
    hosts: new Map([
      [
        'h1',
        {
          id: 'h1',
          name: 'mac-A2',
          serial: null,
          platform: 'macos',
          ownerEmail: 'alice@example.com',
          ownerName: null,
          active: true,
          products: {},
        },
      ],
    ]),
  };
}

describe.each(DIALECTS)('"I updated" follow-up on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  it('thanks the person once the host shows up to date, and only then', async () => {
    t = await open();
    const store = new ReminderStore(t.db);
    await store.savePerson({
      email: 'alice@example.com',
      slack_user_id: 'U1',
      dm_channel_id: 'D1',
    });
    await store.claimUpdated({
      email: 'alice@example.com',
      hostId: 'h1',
      cycle: '2026-W36',
      now: NOW,
    });
    const posted: string[] = [];
    const slack = {
      postMessage: (m: { channel: string; text: string }) => (
        posted.push(`${m.channel}: ${m.text}`),
        Promise.resolve({ status: 'sent' as const, ts: '1.0', channel: m.channel })
      ),
    } as unknown as SlackPort;
    const deps = { store, slack, log: pino({ level: 'silent' }), now: NOW };
    expect(await followUpClaims(deps, view([finding('h1', 'overdue')]))).toEqual({
      thanked: 0,
      expired: 0,
    });
    expect(posted).toEqual([]);
    expect(await followUpClaims(deps, view([finding('h1', 'current')]))).toEqual({
      thanked: 1,
      expired: 0,
    });
    expect(posted).toEqual(['D1: Thanks! mac-A2 is up to date now.']);
    // The person page tells a confirmed claim from one that expired.
    expect(await t.db.kysely.selectFrom('update_claims').select('outcome').execute()).toEqual([
      { outcome: 'confirmed' },
    ]);
    expect(await followUpClaims(deps, view([finding('h1', 'current')]))).toEqual({
      thanked: 0,
      expired: 0,
    });
  });

  it('drops a claim inventory never confirms after two weeks', async () => {
    t = await open();
    const store = new ReminderStore(t.db);
    await store.claimUpdated({
      email: 'alice@example.com',
      hostId: 'h1',
      cycle: '2026-W36',
      now: NOW,
    });
    const later = new Date(NOW.getTime() + 15 * 86_400_000);
    const res = await followUpClaims(
      { store, slack: {} as SlackPort, log: pino({ level: 'silent' }), now: later },
      view([finding('h1', 'overdue')]),
    );
    expect(res).toEqual({ thanked: 0, expired: 1 });
    expect(await store.openClaims()).toHaveLength(0);
    expect(await t.db.kysely.selectFrom('update_claims').select('outcome').execute()).toEqual([
      { outcome: 'expired' },
    ]);
  });
});
