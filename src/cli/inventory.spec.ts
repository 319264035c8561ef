import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from './main.js';
import type { Io } from './output.js';

const CSV = fileURLToPath(
  new URL('../inventory/connectors/file/__fixtures__/hosts-kandji.csv', import.meta.url),
);

describe('patchbay sync inventory / hosts', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-inv-'));
    env = {
      PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}`,
      PATCHBAY_LOG__LEVEL: 'silent',
      PATCHBAY_INVENTORY__FILES: CSV,
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[], extra: Record<string, string> = {}) {
    let out = '';
    let err = '';
    const io: Io = {
      out: (t) => (out += t),
      err: (t) => (err += t),
      isTty: false,
      env: { ...env, ...extra },
    };
    const code = await run(['node', 'patchbay', ...args], io);
    return { code, out, err };
  }

  it('syncs a CSV export and lists its hosts with products and owners', async () => {
    const sync = await cli(['sync', 'inventory', '--json']);
    expect(sync.code).toBe(0);
    const summary = JSON.parse(sync.out) as {
      sources: { source: string; outcome: string; hostsNew: number }[];
    };
    expect(summary.sources[0]).toMatchObject({ source: 'file', outcome: 'ok' });
    expect(summary.sources[0]?.hostsNew).toBeGreaterThan(0);
    const hosts = await cli(['hosts', '--json', '--all']);
    const list = JSON.parse(hosts.out) as {
      serial: string;
      products: Record<string, string>;
      sources: string[];
    }[];
    expect(list).toHaveLength(summary.sources[0]?.hostsNew ?? -1);
    expect(list.every((h) => h.sources.includes('file'))).toBe(true);
    expect(list.some((h) => h.products.chrome !== undefined)).toBe(true);
    const chrome = await cli(['hosts', '--json', '--all', '--product', 'chrome']);
    expect((JSON.parse(chrome.out) as unknown[]).length).toBe(
      list.filter((h) => h.products.chrome).length,
    );
  });

  it('hosts right after a sync that marked every host inactive says so, not "sync first"', async () => {
    // The fixture's hosts were last seen in August 2026: with a 1-day window every one is inactive.
    const extra = { PATCHBAY_INVENTORY__INACTIVE_AFTER: '1d' };
    const sync = await cli(['sync', 'inventory', '--json'], extra);
    const summary = JSON.parse(sync.out) as { inactiveHosts: number };
    expect(summary.inactiveHosts).toBeGreaterThan(0);
    const hosts = await cli(['hosts'], extra);
    expect(hosts.code).toBe(0);
    expect(hosts.out).toContain(`${summary.inactiveHosts} matching host(s) are inactive`);
    expect(hosts.out).toContain('patchbay hosts --all');
    expect(hosts.out).not.toContain('sync inventory` first');
  });

  it('hosts on an empty database says to sync first', async () => {
    const hosts = await cli(['hosts']);
    expect(hosts.out).toContain('run `patchbay sync inventory` first');
  });

  it('says what to configure when no source is set', async () => {
    const res = await cli(['sync', 'inventory'], { PATCHBAY_INVENTORY__FILES: '' });
    expect(res.code).toBe(64);
    expect(res.err).toContain('No inventory source is configured');
  });

  it('a missing file fails that source with a clear error and exit 2', async () => {
    const res = await cli(['sync', 'inventory'], {
      PATCHBAY_INVENTORY__FILES: join(dir, 'missing.csv'),
    });
    expect(res.code).toBe(2);
    expect(res.out).toContain('E_INVENTORY_FILE');
  });
});
