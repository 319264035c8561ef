import { describe, expect, it } from 'vitest';
import { PatchbayError } from '../errors/errors.js';
import { parseDuration } from './duration.js';
import { loadConfig, type ConfigInput } from './load.js';
import { optionTable } from './load-from-disk.js';
import { displayValue, envNameFor } from './options.js';

const table = optionTable();

function load(partial: Partial<ConfigInput>) {
  return loadConfig(table, { text: null, path: null, env: {}, readFile: () => '', ...partial });
}

function problemsOf(fn: () => unknown): { key: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PatchbayError);
    return (err as PatchbayError).details.problems as { key: string; message: string }[];
  }
  throw new Error('expected a config error');
}

describe('loadConfig', () => {
  it('gives documented defaults with no file and no environment', () => {
    const { config, origins } = load({});
    expect(config.database.url).toBe('sqlite:./var/patchbay.db');
    expect(config.feeds['sofa-macos']?.url).toBe(
      'https://sofa.macadmins.io/v1/macos_data_feed.json',
    );
    expect(config.feeds['sofa-macos']?.maxAge).toBe(2 * 86_400_000);
    expect(config.feeds.custom).toEqual([]);
    expect(origins.get('database.url')).toBe('default');
  });

  it('reads the file and lets the environment override any key', () => {
    const text =
      'feeds:\n  sofa-macos:\n    url: https://mirror.example.com/macos.json\n    maxAge: 12h\n  edge:\n    enabled: false\n';
    const { config, origins } = load({
      text,
      path: 'patchbay.yaml',
      env: {
        PATCHBAY_FEEDS__SOFA_MACOS__MAX_AGE: '3d',
        PATCHBAY_DATABASE_URL: 'postgres://pb@db:5432/pb',
      },
    });
    expect(config.feeds['sofa-macos']?.url).toBe('https://mirror.example.com/macos.json');
    expect(config.feeds['sofa-macos']?.maxAge).toBe(3 * 86_400_000);
    expect(config.feeds.edge?.enabled).toBe(false);
    expect(config.database.url).toBe('postgres://pb@db:5432/pb');
    expect(origins.get('feeds.sofa-macos.maxAge')).toBe('env:PATCHBAY_FEEDS__SOFA_MACOS__MAX_AGE');
  });

  it('reads a secret from a file named in the environment or in the file', () => {
    const files: Record<string, string> = {
      '/run/secrets/slack': 'xoxb-from-file\n',
      '/run/secrets/sign': 's3cr3t-sign',
    };
    const readFile = (p: string): string => {
      const v = files[p];
      if (v === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return v;
    };
    const loaded = load({
      text: 'slack:\n  signingSecretFile: /run/secrets/sign\n',
      env: { SLACK_BOT_TOKEN_FILE: '/run/secrets/slack' },
      readFile,
    });
    expect(loaded.config.slack.token).toBe('xoxb-from-file');
    expect(loaded.config.slack.signingSecret).toBe('s3cr3t-sign');
    expect(loaded.secrets).toEqual(expect.arrayContaining(['xoxb-from-file', 's3cr3t-sign']));
    const problems = problemsOf(() =>
      load({ env: { PATCHBAY_SLACK__TOKEN_FILE: '/nope' }, readFile }),
    );
    expect(problems).toEqual([
      { key: 'slack.token', message: 'cannot read secret file /nope: ENOENT' },
    ]);
  });

  it('reports every problem at once, each naming its key and what was expected', () => {
    const text = [
      'database: { url: sqlite:./x.db }',
      'feeds:',
      '  sofa-macos: { url: not a url, maxAge: soon }',
      '  sofa-macoss: { url: https://typo.example.com }',
      '  custom: [ { name: Acme VPN, url: https://acme.example.com/feed.json } ]',
      'log: { level: loud }',
    ].join('\n');
    const problems = problemsOf(() => load({ text, path: 'patchbay.yaml' }));
    const byKey = Object.fromEntries(problems.map((p) => [p.key, p.message]));
    expect(byKey['feeds.sofa-macos.url']).toMatch(/expected an absolute URL/);
    expect(byKey['feeds.sofa-macos.maxAge']).toMatch(/expected a duration/);
    expect(byKey['feeds.sofa-macoss']).toMatch(/unknown key/);
    expect(byKey['feeds.custom.0.name']).toMatch(/lowercase/);
    expect(byKey['log.level']).toMatch(/trace|info/);
  });

  it.each([
    ['feeds.sofa-macos.url', 'feeds:\n  sofa-macos: { url: "https://user:pass@feeds.example/" }\n'],
    ['inventory.fleet.url', 'inventory:\n  fleet: { url: "https://api:pass@fleet.example" }\n'],
    ['slack.apiUrl', 'slack: { apiUrl: "https://bot:pass@slack.example/api/" }\n'],
    [
      'feeds.custom.0.url',
      'feeds:\n  custom: [ { name: acme, url: "https://u:pass@acme.example/f.json" } ]\n',
    ],
  ])('refuses credentials in %s, naming the key and not repeating them', (key, text) => {
    const problems = problemsOf(() => load({ text }));
    expect(problems.map((p) => p.key)).toEqual([key]);
    expect(problems[0]?.message).toMatch(/credentials are not allowed in a URL/);
    expect(JSON.stringify(problems)).not.toContain('pass');
  });

  it.each([
    ['feeds.sofa-macos.url', 'file:///etc/passwd'],
    ['feeds.chrome.url', 'data:application/json,{}'],
    ['inventory.jamf.url', 'ftp://jamf.example.com'],
    ['teams.webhookUrl', 'javascript:alert(1)'],
  ])('refuses a non-http(s) URL in %s', (key, url) => {
    const env = { [envNameFor(key)]: url };
    const problems = problemsOf(() => load({ env }));
    expect(problems).toEqual([
      { key, message: expect.stringMatching(/expected an http:\/\/ or https:\/\/ URL/) as unknown },
    ]);
  });

  it('names the file when it is not YAML', () => {
    const problems = problemsOf(() => load({ text: 'feeds: [unclosed', path: 'patchbay.yaml' }));
    expect(problems[0]?.key).toBe('(file)');
  });

  it('rejects two custom feeds with one name', () => {
    const text =
      'feeds:\n  custom:\n    - { name: acme, url: https://a.example.com/f.json }\n    - { name: acme, url: https://b.example.com/f.json }\n';
    expect(problemsOf(() => load({ text })).map((p) => p.key)).toEqual(['feeds.custom.acme']);
  });
});

describe('option helpers', () => {
  it.each([
    ['database.url', 'PATCHBAY_DATABASE__URL'],
    ['feeds.sofa-macos.maxAge', 'PATCHBAY_FEEDS__SOFA_MACOS__MAX_AGE'],
    ['slack.signingSecret', 'PATCHBAY_SLACK__SIGNING_SECRET'],
  ])('env name of %s is %s', (key, env) => {
    expect(envNameFor(key)).toBe(env);
  });

  it.each([
    ['2d', 172_800_000],
    ['12h', 43_200_000],
    ['30m', 1_800_000],
    ['45s', 45_000],
    ['500ms', 500],
    ['1500', 1500],
    ['soon', null],
    ['-1d', null],
  ])('parseDuration(%s) = %s', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it('masks secrets, keeping a database URL readable without its password', () => {
    const db = table.find((s) => s.key === 'database.url');
    const token = table.find((s) => s.key === 'slack.token');
    expect(db && displayValue(db, 'postgres://pb:hunter22@db:5432/pb')).toBe(
      'postgres://pb:****@db:5432/pb',
    );
    expect(token && displayValue(token, 'xoxb-123-secret')).toBe('****');
  });
});
