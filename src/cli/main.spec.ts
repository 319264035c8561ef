import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedStandIn } from '../../sandbox/feeds/server.js';
import { standInFeedEnv } from '../../sandbox/feeds/stand-in-config.js';
import { run } from './main.js';
import type { Io } from './output.js';

interface Captured {
  io: Io;
  out: () => string;
  err: () => string;
}

function capture(env: Record<string, string>): Captured {
  let out = '';
  let err = '';
  return {
    io: { out: (t) => (out += t), err: (t) => (err += t), isTty: false, env },
    out: () => out,
    err: () => err,
  };
}

describe('patchbay CLI against the feed stand-in', () => {
  let standIn: FeedStandIn;
  let dir: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    standIn = new FeedStandIn();
    const base = await standIn.listen();
    dir = mkdtempSync(join(tmpdir(), 'patchbay-cli-'));
    env = {
      ...standInFeedEnv(base),
      PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}`,
      PATCHBAY_LOG__LEVEL: 'silent',
      PATCHBAY_HTTP__RETRIES: '0',
    };
  });
  afterEach(async () => {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(
    args: string[],
    extraEnv: Record<string, string> = {},
  ): Promise<Captured & { code: number }> {
    const c = capture({ ...env, ...extraEnv });
    const code = await run(['node', 'patchbay', ...args], c.io);
    return { ...c, code };
  }

  it('syncs feeds and prints the macOS catalog as JSON with the documented fields', async () => {
    const sync = await cli(['sync', 'feeds']);
    expect(sync.code).toBe(0);
    expect(sync.out()).toContain('All enabled feeds synced.');
    expect(sync.err()).toMatch(/\[1\/\d+\] /);
    const cat = await cli(['catalog', '--product', 'macos', '--json']);
    expect(cat.code).toBe(0);
    const entries = JSON.parse(cat.out()) as Record<string, unknown>[];
    // Apple's support window (policies.apple.supportedMajors, 3): Ventura and Monterey, still
    // listed by SOFA, get no security fixes; --all shows them as unsupported.
    expect(entries.map((e) => [e.track, e.version, e.build])).toEqual([
      ['26', '26.6.2', '25G83'],
      ['15', '15.7.9', '24G830'],
      ['14', '14.8.9', '23J631'],
    ]);
    const all = await cli(['catalog', '--product', 'macos', '--all', '--json']);
    const everyTrack = JSON.parse(all.out()) as Record<string, unknown>[];
    expect(everyTrack.map((e) => [e.track, e.version, e.supported])).toEqual([
      ['26', '26.6.2', true],
      ['15', '15.7.9', true],
      ['14', '14.8.9', true],
      ['13', '13.7.8', false],
      ['12', '12.7.6', false],
    ]);
    for (const e of entries) {
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining([
          'product',
          'track',
          'version',
          'build',
          'releasedAt',
          'cves',
          'exploitedCves',
          'stale',
        ]),
      );
      expect(e.releasedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it('exits 2 when a feed fails, still syncing the rest, and shows it stale', async () => {
    standIn.setMode('/sofa/v1/ios_data_feed.json', { kind: 'status', status: 500 });
    const sync = await cli(['sync', 'feeds', '--json']);
    expect(sync.code).toBe(2);
    const results = JSON.parse(sync.out()) as {
      feed: string;
      outcome: string;
      error: { code: string } | null;
    }[];
    expect(results.find((r) => r.feed === 'sofa-ios')).toMatchObject({
      outcome: 'failed',
      error: { code: 'E_HTTP_STATUS' },
    });
    expect(results.filter((r) => r.outcome === 'updated').length).toBe(results.length - 1);
    const cat = await cli(['catalog', '--product', 'ios']);
    expect(cat.out()).toContain('stale: feed sofa-ios failed: GET');
  });

  it('an unknown Chrome channel or Homebrew cask is an issue naming it; the rest still syncs', async () => {
    const sync = await cli(['sync', 'feeds', '--json'], {
      PATCHBAY_FEEDS__CHROME__CHANNELS: 'stable,stabel',
      PATCHBAY_FEEDS__HOMEBREW__CASKS: 'docker,no-such-cask',
    });
    expect(sync.code).toBe(0);
    const results = JSON.parse(sync.out()) as {
      feed: string;
      outcome: string;
      issues: { record: string; message: string }[];
    }[];
    const chrome = results.find((r) => r.feed === 'chrome');
    expect(chrome?.outcome).toBe('updated');
    expect(chrome?.issues.map((i) => i.record)).toEqual(['channel stabel']);
    const brew = results.find((r) => r.feed === 'homebrew');
    expect(brew?.outcome).toBe('updated');
    expect(brew?.issues.map((i) => i.record)).toEqual(['no-such-cask']);
    expect(brew?.issues[0]?.message).toContain('no cask "no-such-cask"');
    const cat = await cli(['catalog', '--json']);
    const products = (JSON.parse(cat.out()) as { product: string }[]).map((e) => e.product);
    expect(products).toEqual(expect.arrayContaining(['chrome', 'docker']));
  });

  it('rejects an unknown feed name with the configured ones listed', async () => {
    const res = await cli(['sync', 'feeds', '--feed', 'sofa-macoss']);
    expect(res.code).toBe(64);
    expect(res.err()).toMatch(/E_FEED_UNKNOWN.*sofa-macoss.*Configured: sofa-macos/);
  });

  it('config check masks secrets and names where values came from', async () => {
    const res = await cli(['config', 'check', '--json'], {
      SLACK_BOT_TOKEN: 'xoxb-very-secret-token',
    });
    expect(res.code).toBe(0);
    expect(res.out()).not.toContain('xoxb-very-secret-token');
    const rows = JSON.parse(res.out()) as { key: string; value: string; origin: string }[];
    expect(rows.find((r) => r.key === 'slack.token')).toEqual({
      key: 'slack.token',
      value: '****',
      origin: 'env:SLACK_BOT_TOKEN',
    });
  });

  it('config check fits 100 columns, shows origins with --verbose, warns of a missing secret', async () => {
    const plain = await cli(['config', 'check'], {
      SLACK_BOT_TOKEN: 'xoxb-very-secret-token',
      PATCHBAY_INVENTORY__APP_MAP: JSON.stringify({
        [`bundle-id:com.example.${'a'.repeat(200)}`]: 'x',
      }),
    });
    expect(plain.code).toBe(0);
    for (const line of `${plain.out()}${plain.err()}`.split('\n'))
      expect(line.length, line).toBeLessThanOrEqual(100);
    expect(plain.out()).not.toContain('env:SLACK_BOT_TOKEN');
    expect(plain.err()).toContain('warning: slack.signingSecret');
    expect(plain.out()).toContain('Config is valid.');
    const verbose = await cli(['config', 'check', '--verbose'], {
      SLACK_BOT_TOKEN: 'xoxb-very-secret-token',
    });
    expect(verbose.out()).toMatch(/slack\.token +env:SLACK_BOT_TOKEN +\*\*\*\*/);
    expect(verbose.out()).not.toContain('xoxb-very-secret-token');
  });

  it('an invalid config file exits 78 naming the key', async () => {
    const file = join(dir, 'patchbay.yaml');
    writeFileSync(file, 'feeds:\n  sofa-macos:\n    maxAge: tomorrow\n');
    const res = await cli(['--config', file, 'config', 'check']);
    expect(res.code).toBe(78);
    expect(res.err()).toContain('feeds.sofa-macos.maxAge: expected a duration');
    const missing = await cli(['--config', join(dir, 'nope.yaml'), 'catalog']);
    expect(missing.code).toBe(78);
    expect(missing.err()).toContain('E_CONFIG_NOT_FOUND');
  });

  it.each([
    [['demo', '--hosts', 'lots'], "option '--hosts <n>' argument 'lots' is invalid"],
    [['hosts', '--limit', '-5'], "option '--limit <n>' argument '-5' is invalid"],
    [
      ['report', '--by', 'team'],
      "argument 'team' is invalid. Allowed choices are product, person, host",
    ],
  ])('rejects bad arguments with a usage error naming the option: %j', async (args, message) => {
    const res = await cli(args);
    expect(res.code).toBe(64);
    expect(res.err()).toContain(message);
  });

  it('prints help and exits 0', async () => {
    const res = await cli(['--help']);
    expect(res.code).toBe(0);
    expect(res.out()).toMatch(/sync[\s\S]*catalog[\s\S]*demo/);
  });
});
