import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW } from '../../../test/reminder-scenario.js';
import { compileAppMap } from '../../inventory/app-map.js';
import type { HostRecord } from '../../inventory/model.js';
import { InventoryStore } from '../../inventory/store.js';
import { ensureSetupCode } from '../routes.js';
import { Client, createKit, setUp, type Kit } from '../test-kit.js';

const SERIAL = 'C02VICTIM0MX';
const mac = (source: string, sourceId: string, uuid: string, email: string): HostRecord => ({
  source,
  sourceId,
  serial: SERIAL,
  hardwareUuid: uuid,
  name: `${source}-mac`,
  platform: 'macos',
  osVersion: '15.7.8',
  osBuild: null,
  lastSeenAt: '2026-08-25T08:00:00.000Z',
  owner: { email, name: null },
  apps: null,
});

/** The hosts table's row that mentions `text`. */
function rowWith(body: string, text: string): string {
  const tbody = /<table id="hosts">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '';
  return tbody.split('</tr>').find((r) => r.includes(text)) ?? '';
}

describe('the hosts page shows identity conflicts', () => {
  let kit: Kit;
  let client: Client;
  beforeAll(async () => {
    kit = await createKit({
      now: NOW,
      seed: async ({ db }) => {
        // Jamf's Mac, and an osquery node claiming its serial under another hardware UUID.
        const store = new InventoryStore(db);
        const opts = { appMap: compileAppMap(), ownerPrecedence: ['jamf'] };
        await store.applyPage(
          'jamf',
          [mac('jamf', '1', '10DA6363-2695-5870-B5CF-C42ECE47C92F', 'vera@example.com')],
          NOW,
          opts,
        );
        await store.applyPage(
          'osquery',
          [mac('osquery', 'node-m', '4AB2906D-5516-5794-AF54-86D1D7F533F3', 'mallory@example.com')],
          NOW,
          opts,
        );
      },
    });
    client = new Client(kit.app);
    await setUp(client, (await ensureSetupCode(kit.ctx.db, NOW))!);
  });
  afterAll(() => kit.close());

  it('marks the node in words, with the serial it claims linked to the host that holds it', async () => {
    const res = await client.get('/hosts');
    expect(res.statusCode).toBe(200);
    const node = rowWith(res.body, 'osquery-mac');
    expect(node).toContain('identity conflict');
    expect(node).toContain(`claims <a href="/hosts?q=${SERIAL}">${SERIAL}</a>`);
    const victim = rowWith(res.body, 'jamf-mac');
    expect(victim).toContain(SERIAL);
    expect(victim).not.toContain('identity conflict');
  });

  it('marks the node on the page of the person it names, too', async () => {
    const res = await client.get('/people/mallory%40example.com');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('identity conflict');
    expect(res.body).toContain(`claims <a href="/hosts?q=${SERIAL}">${SERIAL}</a>`);
    const vera = await client.get('/people/vera%40example.com');
    expect(vera.body).not.toContain('identity conflict');
  });

  it('searching the claimed serial finds both the holder and the claimant', async () => {
    const res = await client.get(`/hosts?q=${SERIAL}`);
    expect(res.body).toContain('2 hosts match');
  });
});
