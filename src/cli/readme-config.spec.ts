import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from './main.js';
import type { Io } from './output.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The ```yaml blocks of the README, in order: what an admin copies into patchbay.yaml. */
function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
}

/** The environment variables the example's comments tell the admin to set for its secrets. */
function secretEnvNamed(yaml: string): string[] {
  return [...yaml.matchAll(/#[^\n]*/g)].flatMap((c) => c[0].match(/\b[A-Z][A-Z0-9_]{3,}\b/g) ?? []);
}

describe('README example config', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-readme-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function check(yaml: string, env: Record<string, string>) {
    const file = join(dir, 'patchbay.yaml');
    writeFileSync(file, yaml);
    let out = '';
    let err = '';
    const io: Io = {
      out: (t) => (out += t),
      err: (t) => (err += t),
      isTty: false,
      env: { PATCHBAY_LOG__LEVEL: 'silent', ...env },
    };
    const code = await run(
      ['node', 'patchbay', '--config', file, 'config', 'check', '--verbose'],
      io,
    );
    return { code, out, err };
  }

  const blocks = yamlBlocks(README);
  // The TLS block names certificate files an admin has and this machine does not.
  const tls = blocks.find((b) => /^\s*tls:/m.test(b));
  const examples = blocks.filter((b) => b !== tls);
  const [example] = examples;

  it('has the example and the TLS block', () => {
    expect(example).toContain('inventory:');
    expect(tls).toBeDefined();
  });

  it.each(examples.map((b, i) => [i, b] as const))(
    'yaml block %i passes `config check` as written, with the secrets its comments name',
    async (_i, yaml) => {
      const names = secretEnvNamed(yaml);
      const env = Object.fromEntries(
        names.map((n) => [
          n,
          n.includes('URL') ? 'https://hooks.example.com/workflow' : `secret-${n}`,
        ]),
      );
      const res = await check(yaml, env);
      expect(res.err).toBe('');
      expect(res.code).toBe(0);
      expect(res.out).toContain('Config is valid.');
      // Every variable the comments name is one Patchbay reads: each shows up as an origin.
      for (const n of names) expect(res.out).toContain(`env:${n}`);
    },
  );

  it('the example names the secrets of Jamf, Fleet and Slack and sets what it shows', async () => {
    expect(secretEnvNamed(example ?? '')).toEqual(
      expect.arrayContaining(['JAMF_CLIENT_SECRET', 'FLEET_API_TOKEN', 'SLACK_BOT_TOKEN']),
    );
    const res = await check(example ?? '', {});
    expect(res.out).toMatch(/feeds\.homebrew\.casks +file +google-chrome, zoom, slack/);
    expect(res.out).toMatch(/feeds\.chrome\.channels +file +stable, extended/);
  });

  it('without those secrets, the example warns about each integration that lacks one', async () => {
    const res = await check(example ?? '', {});
    expect(res.code).toBe(0);
    for (const key of ['inventory.jamf.clientSecret', 'inventory.fleet.token', 'slack.token'])
      expect(res.err).toContain(`warning: ${key}`);
  });

  it('the TLS block is checked as the README says: a missing file is named by its key', async () => {
    const res = await check(tls ?? '', {});
    expect(res.code).toBe(78);
    expect(res.err).toContain('server.tls.cert');
  });
});
