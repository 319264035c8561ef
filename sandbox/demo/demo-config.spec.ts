import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run as cli } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';
import { optionTable } from '../../src/platform/config/load-from-disk.js';
import { demoConfigYaml } from './demo-config.js';
import { DEMO_NOW, runDemo, type DemoRun } from './run-demo.js';

function capture(env: Record<string, string> = {}): Io & { text: () => string } {
  let text = '';
  return {
    out: (t) => void (text += t),
    err: (t) => void (text += t),
    isTty: false,
    env,
    text: () => text,
  };
}

describe('demoConfigYaml', () => {
  it('writes each option the environment set under its key, typed, with an absolute database', () => {
    const yaml = demoConfigYaml(
      {
        PATCHBAY_DATABASE__URL: 'sqlite:var/demo.db',
        PATCHBAY_FEEDS__CHROME__CHANNELS: 'stable',
        PATCHBAY_FEEDS__CHROME_RELEASES__ENABLED: 'false',
        PATCHBAY_POLICIES: '{"products":{"chrome":{"graceDays":7}}}',
        SLACK_BOT_TOKEN: 'xoxb-demo',
        UNRELATED: 'x',
      },
      optionTable(),
      '/home/admin',
    );
    expect(parse(yaml)).toEqual({
      database: { url: 'sqlite:/home/admin/var/demo.db' },
      feeds: { chrome: { channels: ['stable'] }, 'chrome-releases': { enabled: false } },
      policies: { products: { chrome: { graceDays: 7 } } },
      slack: { token: 'xoxb-demo' },
    });
  });
});

describe('patchbay demo --write-config', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-demo-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints every stand-in URL and writes a config that `config check` accepts without warnings', async () => {
    const file = join(dir, 'conf', 'patchbay.yaml');
    const io = capture();
    const args = ['--once', '--db', join(dir, 'demo.db'), '--hosts', '12', '--people', '8'];
    expect(await cli(['node', 'patchbay', 'demo', ...args, '--write-config', file], io)).toBe(0);
    for (const name of ['feeds', 'Jamf Pro', 'Fleet', 'Slack API'])
      expect(io.text()).toMatch(new RegExp(`${name} +http://127\\.0\\.0\\.1:\\d+`));
    expect(io.text()).toContain(`Config written to ${file}`);
    expect(statSync(file).mode & 0o077).toBe(0);

    const check = capture();
    expect(await cli(['node', 'patchbay', '--config', file, 'config', 'check'], check)).toBe(0);
    expect(check.text()).toContain('Config is valid.');
    expect(check.text()).not.toContain('warning:');

    // The preview it suggests runs on the demo clock, where the samples are true: digests come
    // out (on today's clock every sample is stale and nobody would get one).
    const suggested = /patchbay --config \S+ (remind --dry-run --as-of \S+)/.exec(io.text())?.[1];
    expect(suggested).toBe(`remind --dry-run --as-of ${DEMO_NOW.toISOString()}`);
    let json = '';
    const preview: Io = { ...capture(), out: (t) => void (json += t) };
    const args2 = ['node', 'patchbay', '--config', file, ...suggested!.split(' '), '--json'];
    expect(await cli(args2, preview)).toBe(0);
    const people = (JSON.parse(json) as { people: { message?: unknown }[] }).people;
    expect(people.filter((p) => p.message).length).toBeGreaterThan(0);
  }, 120_000);
});

describe('the written config reaches the running stand-ins', () => {
  let dir: string;
  let demo: DemoRun;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-demo-live-'));
    demo = await runDemo(capture(), {
      dbPath: join(dir, 'demo.db'),
      hosts: 12,
      people: 8,
      seed: 5,
    });
    file = join(dir, 'patchbay.yaml');
    writeFileSync(file, demoConfigYaml(demo.world.env, optionTable(), dir));
  }, 120_000);
  afterAll(async () => {
    await demo.ctx.close();
    await demo.world.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('syncs the feeds and the inventory from the stand-ins with nothing but --config', async () => {
    const feeds = capture();
    expect(
      await cli(['node', 'patchbay', '--config', file, 'sync', 'feeds', '--json'], feeds),
    ).toBe(0);
    const inventory = capture();
    expect(await cli(['node', 'patchbay', '--config', file, 'sync', 'inventory'], inventory)).toBe(
      0,
    );
    expect(readFileSync(file, 'utf8')).toContain(demo.world.urls.jamf);
  }, 120_000);
});
