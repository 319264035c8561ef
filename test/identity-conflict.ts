import { compileAppMap } from '../src/inventory/app-map.js';
import type { HostRecord } from '../src/inventory/model.js';
import type { InventoryStore } from '../src/inventory/store.js';

/** The serial of the victim's Mac, which an osquery node claims as its own. */
export const CLAIMED_SERIAL = 'C02VICTIM0MX';

const mac = (source: string, sourceId: string, uuid: string, email: string): HostRecord => ({
  source,
  sourceId,
  serial: CLAIMED_SERIAL,
  hardwareUuid: uuid,
  name: `${source}-mac`,
  platform: 'macos',
  osVersion: '15.7.8',
  osBuild: null,
  lastSeenAt: '2026-08-25T08:00:00.000Z',
  owner: { email, name: null },
  apps: null,
});

/**
 * The identity conflict every view shows: vera's Mac as Jamf knows it (`jamf-mac`), then an
 * osquery node (`osquery-mac`, owner mallory) claiming its serial under another hardware UUID.
 */
export async function seedIdentityConflict(store: InventoryStore, at: Date): Promise<void> {
  const opts = { appMap: compileAppMap(), ownerPrecedence: ['jamf'] };
  await store.applyPage(
    'jamf',
    [mac('jamf', '1', '10DA6363-2695-5870-B5CF-C42ECE47C92F', 'vera@example.com')],
    at,
    opts,
  );
  await store.applyPage(
    'osquery',
    [mac('osquery', 'node-m', '4AB2906D-5516-5794-AF54-86D1D7F533F3', 'mallory@example.com')],
    at,
    opts,
  );
}
