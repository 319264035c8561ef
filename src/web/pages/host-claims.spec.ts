/**
 * The host page words an "I updated" claim by how it ended: a claim the inventory never
 * confirmed must not read as confirmed, since the machine may still be behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, seedScenario } from '../../../test/reminder-scenario.js';
import { listHosts } from '../../inventory/host-query.js';
import { ReminderStore } from '../../reminders/store.js';
import { ensureSetupCode } from '../routes.js';
import { Client, createKit, setUp, type Kit } from '../test-kit.js';

const DAY = 86_400_000;
const at = (daysAgo: number): Date => new Date(NOW.getTime() - daysAgo * DAY);

describe('host page: "I updated" claims', () => {
  let kit: Kit;
  let client: Client;
  let a1 = '';
  let a2 = '';

  beforeAll(async () => {
    kit = await createKit({
      now: NOW,
      seed: async ({ db }) => {
        await seedScenario(db);
        const store = new ReminderStore(db);
        const [h1] = await listHosts(db, { q: 'mac-A1' });
        const [h2] = await listHosts(db, { q: 'mac-A2' });
        a1 = h1!.id;
        a2 = h2!.id;
        const email = 'alice@example.com';
        await store.claimUpdated({ email, hostId: a1, cycle: '2026-W33', now: at(9) });
        await store.claimUpdated({ email, hostId: a2, cycle: '2026-W33', now: at(9) });
        for (const claim of await store.openClaims()) {
          await store.resolveClaim(claim.id, at(7), claim.host_id === a1 ? 'confirmed' : 'expired');
        }
      },
    });
    client = new Client(kit.app);
    await setUp(client, (await ensureSetupCode(kit.ctx.db, NOW))!);
  });
  afterAll(() => kit.close());

  const claimsOf = async (id: string): Promise<string> => {
    const res = await client.get(`/hosts/${encodeURIComponent(id)}`);
    expect(res.statusCode).toBe(200);
    const list = /<h3>“I updated”<\/h3>\s*<ul class="history">([\s\S]*?)<\/ul>/.exec(res.body);
    return (list?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  };

  it('says a confirmed claim was confirmed by inventory', async () => {
    expect(await claimsOf(a1)).toContain('confirmed by inventory');
  });

  it('says an expired claim was never confirmed', async () => {
    const text = await claimsOf(a2);
    expect(text).toContain('never confirmed by inventory');
    expect(text).not.toMatch(/(^|[^r] )confirmed by inventory/);
  });
});
