/**
 * `remind --dry-run --as-of`: a preview on another clock (the demo's, a sample's), through the
 * real CLI entry. The same stored data composes different digests at different moments, and a
 * send on a moved clock is refused before anything is opened.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPECTED, NOW, seedScenario } from '../../../test/reminder-scenario.js';
import { openDatabase } from '../../platform/db/db.js';
import { migrate } from '../../platform/db/migrate.js';
import { run } from '../main.js';
import type { Io } from '../output.js';

describe('patchbay remind --dry-run --as-of', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-as-of-'));
    const url = `sqlite:${join(dir, 'pb.db')}`;
    const db = openDatabase(url);
    await migrate(db);
    await seedScenario(db);
    await db.close();
    env = { PATCHBAY_DATABASE__URL: url, PATCHBAY_LOG__LEVEL: 'silent' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function remind(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: Io = { out: (t) => (out += t), err: (t) => (err += t), isTty: false, env };
    const code = await run(['node', 'patchbay', 'remind', ...args], io);
    return { code, out, err };
  }

  const withDigest = (out: string): string[] =>
    (JSON.parse(out) as { people: { email: string; message?: unknown }[] }).people
      .filter((p) => p.message !== undefined)
      .map((p) => p.email)
      .sort();

  it("composes the scenario's digests on the scenario's clock", async () => {
    const r = await remind('--dry-run', '--json', '--as-of', NOW.toISOString());
    expect(r.code).toBe(0);
    expect(withDigest(r.out)).toEqual(expect.arrayContaining(Object.keys(EXPECTED)));
  });

  it('leaves the stored findings as the real clock has them, for the server to read', async () => {
    const stored = async (): Promise<string[]> => {
      const db = openDatabase(env.PATCHBAY_DATABASE__URL as string);
      try {
        const rows = await db.kysely
          .selectFrom('findings')
          .select(['host_id', 'product_id', 'status'])
          .orderBy('host_id')
          .orderBy('product_id')
          .execute();
        return rows.map((r) => `${r.host_id} ${r.product_id} ${r.status}`);
      } finally {
        await db.close();
      }
    };
    // On the scenario's clock its feeds are fresh and digests are composed...
    const r = await remind('--dry-run', '--json', '--as-of', NOW.toISOString());
    expect(withDigest(r.out).length).toBeGreaterThan(0);
    const afterPreview = await stored();
    // ...but what stays stored is what any command on the real clock stores (the feeds synced
    // months before it: unknown), not verdicts of that other moment.
    let out = '';
    const io: Io = { out: (t) => (out += t), err: () => undefined, isTty: false, env };
    expect(await run(['node', 'patchbay', 'report', '--json'], io)).toBe(0);
    expect(out.length).toBeGreaterThan(0);
    expect(afterPreview.length).toBeGreaterThan(0);
    expect(afterPreview).toEqual(await stored());
  });

  it('composes nothing for a moment before any release was due', async () => {
    const r = await remind('--dry-run', '--json', '--as-of', '2020-01-01');
    expect(r.code).toBe(0);
    expect(withDigest(r.out)).toEqual([]);
  });

  it('refuses --as-of without --dry-run as a usage error, sending nothing', async () => {
    const r = await remind('--as-of', NOW.toISOString());
    expect(r.code).toBe(64);
    expect(r.err).toContain('--as-of needs --dry-run');
  });

  it('names the option and the expected form for a time without a zone', async () => {
    const r = await remind('--dry-run', '--as-of', '2026-09-18T18:00:00');
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/--as-of.*ISO 8601/s);
  });
});
