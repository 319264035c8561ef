import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const LOGGER = fileURLToPath(new URL('./logger.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'pb-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Issue 9, item 5: URLs with credentials reached the log, JSON and pretty. The pretty format
 * runs pino-pretty in a worker that writes to stderr itself, so each format is run in a real
 * child process and its stderr read as an admin's terminal or a log collector would.
 */
describe.each(['json', 'pretty'] as const)('the %s log', (format) => {
  it('never shows a URL with credentials, key-like query values or a loaded secret', () => {
    const script = `
      const { createLogger } = await import(${JSON.stringify(LOGGER)});
      const log = createLogger({ level: 'info', format: ${JSON.stringify(format)}, secrets: ['xoxb-loaded-secret'] });
      log.error(
        { feed: 'acme', url: 'https://alice:hunter2pass@feeds.example/f.json?token=sekrit-token&page=2',
          err: 'fetch failed: Request cannot be constructed from a URL that includes credentials: https://bob:s3cretpass@mirror.example/' },
        'Feed sync failed for https://carol:redirpass@x.example/ with xoxb-loaded-secret',
      );`;
    // A file, not -e: pino-pretty's worker inherits the flags, and --input-type would stop it.
    const file = join(dir, `log-${format}.mjs`);
    writeFileSync(file, script);
    const child = spawnSync(process.execPath, ['--import', 'tsx', file], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(child.status).toBe(0);
    expect(child.stderr).toContain('Feed sync failed for https://x.example/');
    expect(child.stderr).toContain('https://feeds.example/f.json?token=****&page=2');
    for (const bit of [
      'hunter2pass',
      's3cretpass',
      'redirpass',
      'sekrit-token',
      'alice',
      'xoxb-loaded',
    ])
      expect(child.stderr).not.toContain(bit);
  });
});
