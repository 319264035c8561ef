import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIMED_SERIAL as SERIAL, seedIdentityConflict } from '../../../test/identity-conflict.js';
import { NOW } from '../../../test/reminder-scenario.js';
import { InventoryStore } from '../../inventory/store.js';
import { ensureSetupCode } from '../routes.js';
import { Client, createKit, setUp, type Kit } from '../test-kit.js';

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
        await seedIdentityConflict(new InventoryStore(db), NOW);
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
    expect(res.body).toContain('2 computers match');
  });
});
