import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './main.js';
import type { Io } from './output.js';
import { packageVersion } from './version.js';

const PKG = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'),
) as { version: string };

describe('patchbay --version', () => {
  it.each([['--version'], ['-V']])(
    '%s prints the package.json version and exits 0',
    async (flag) => {
      let out = '';
      const io: Io = { out: (t) => (out += t), err: () => undefined, isTty: false, env: {} };
      const code = await run(['node', 'patchbay', flag], io);
      expect(code).toBe(0);
      expect(out.trim()).toBe(PKG.version);
    },
  );

  it('finds package.json from a module deeper in the tree, as dist/src/cli is', () => {
    const deeper = new URL('../../dist/src/cli/main.js', import.meta.url).href;
    expect(packageVersion(deeper)).toBe(PKG.version);
  });

  it('says "unknown" when no Patchbay package.json is above the module', () => {
    expect(packageVersion('file:///nowhere/at/all/main.js')).toBe('unknown');
  });

  it('works through the real launcher path from sources (tsx)', () => {
    const res = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('../../test/run-cli.ts', import.meta.url)),
        '--version',
      ],
      { encoding: 'utf8' },
    );
    expect(res.status).toBe(0);
    expect(res.stdout.trim()).toBe(PKG.version);
  });
});
