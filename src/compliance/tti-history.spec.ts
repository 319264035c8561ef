import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import type { Db } from '../platform/db/db.js';
import { readHostHistories, type HostHistory } from './tti-history.js';

const HOSTS = [
  { id: 'h-mac', platform: 'macos', active: 1 },
  { id: 'h-win', platform: 'windows', active: 1 },
  { id: 'h-lin', platform: 'linux', active: 0 },
];

async function seed(db: Db): Promise<void> {
  await db.kysely
    .insertInto('hosts')
    .values(
      HOSTS.map((h) => ({
        id: h.id,
        platform: h.platform,
        last_seen_at: '2026-09-10T00:00:00.000Z',
        active: h.active,
        created_at: '2026-06-01T00:00:00.000Z',
        updated_at: '2026-09-11T00:00:00.000Z',
        rev: 1,
        eval_rev: 1,
      })),
    )
    .execute();
  // Two observations per host, and one for a host with no hosts row.
  await db.kysely
    .insertInto('version_history')
    .values(
      [...HOSTS.map((h) => h.id), 'h-gone'].flatMap((id) =>
        ['152.0.7977.83', '153.0.8010.53'].map((version, i) => ({
          host_id: id,
          product_id: 'chrome',
          version,
          previous_version: null,
          source: 'fixture',
          first_observed_at: `2026-09-0${i + 1}T00:00:00.000Z`,
        })),
      ),
    )
    .execute();
}

describe.each(DIALECTS)('readHostHistories on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  // Pages of 2 rows cut between hosts; of 100, one page holds all.
  it.each([2, 3, 100])(
    'yields each host with its platform and departure (page of %i rows)',
    async (pageRows) => {
      t = await open();
      await seed(t.db);
      const seen: HostHistory[] = [];
      for await (const page of readHostHistories(t.db, 'chrome', pageRows)) seen.push(...page);
      expect(seen.map((h) => [h.hostId, h.platform, h.leftAt, h.observations.length])).toEqual([
        ['h-gone', null, null, 2],
        ['h-lin', 'linux', '2026-09-10T00:00:00.000Z', 2],
        ['h-mac', 'macos', null, 2],
        ['h-win', 'windows', null, 2],
      ]);
    },
  );
});
