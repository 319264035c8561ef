import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every tracked file that runs: code, tests, scripts, CI and package metadata. */
function runnableFiles(): string[] {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  const runs = (f: string): boolean =>
    f.startsWith('.ci/') ||
    (/\.(ts|js|mjs|cjs|sh|json)$/.test(f) &&
      !f.endsWith('package-lock.json') &&
      // Captured payloads are data, not code: their text is the vendor's.
      !(
        f.endsWith('.json') &&
        (f.includes('__fixtures__/') || f.startsWith('sandbox/feeds/data/'))
      ));
  return tracked.filter(runs);
}

/**
 * A reference that climbs out of the checkout (to the team's shared folder beside it, or enough
 * parent steps from a nested file to leave the repository) works only where something happens
 * to sit beside the clone.
 */
function escapes(file: string, text: string): string[] {
  const depth = file.split('/').length - 1;
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\.\.\/)+[A-Za-z0-9_.-]+/g)) {
    const ups = (m[0].match(/\.\.\//g) ?? []).length;
    if (ups > depth || /(^|\/)shared\//.test(`${m[0]}/`)) found.push(m[0]);
  }
  if (/\bshared\/fixtures\b/.test(text)) found.push('shared/fixtures');
  return found;
}

describe('the repository stands alone', () => {
  it('has no code, test or script that reads a path outside it', () => {
    const offenders = runnableFiles().flatMap((f) =>
      f === 'test/stands-alone.spec.ts'
        ? []
        : escapes(f, readFileSync(`${ROOT}/${f}`, 'utf8')).map((ref) => `${f}: ${ref}`),
    );
    expect(offenders).toEqual([]);
  });

  it('catches a reference to the shared folder or above the root', () => {
    const up = (n: number): string => '../'.repeat(n);
    expect(
      escapes('src/a/b.spec.ts', `new URL('${up(3)}shared/x.json', import.meta.url)`),
    ).not.toEqual([]);
    expect(escapes('src/a/b.ts', `import x from '${up(3)}outside.js'`)).not.toEqual([]);
    expect(escapes('src/a/b.ts', `import x from '${up(1)}c.js'`)).toEqual([]);
  });
});
