import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { ReminderStore } from './store.js';

const NOW = new Date('2026-09-01T10:00:00Z');
const DAY = 86_400_000;
const at = (days: number): Date => new Date(NOW.getTime() + days * DAY);

describe.each(DIALECTS)('active snoozes on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  async function seeded(): Promise<ReminderStore> {
    t = await open();
    const store = new ReminderStore(t.db);
    const snooze = (email: string, hostId: string, products: string[], days: number) =>
      store.snooze({ email, hostId, products, until: at(days), now: at(-1) });
    await snooze('ada@example.com', 'h1', ['chrome', 'zoom'], 3);
    // Made by the host's previous owner: it still holds for the host.
    await snooze('bob@example.com', 'h2', ['chrome'], 2);
    await snooze('ada@example.com', 'h3', ['chrome'], -1); // over
    return store;
  }

  it('lists every running snooze of the fleet by host and product', async () => {
    const store = await seeded();
    expect([...(await store.activeSnoozes(NOW)).keys()].sort()).toEqual([
      'h1\u0000chrome',
      'h1\u0000zoom',
      'h2\u0000chrome',
    ]);
  });

  it("reads only the given computers' snoozes, whoever made them", async () => {
    const store = await seeded();
    expect([...(await store.activeSnoozes(NOW, ['h2', 'h3'])).keys()]).toEqual(['h2\u0000chrome']);
    expect((await store.activeSnoozes(NOW, [])).size).toBe(0);
  });
});
