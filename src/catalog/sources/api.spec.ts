import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { feedSources } from './api.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const folders = readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory());

describe('feed source registry', () => {
  it('registers every source folder, under its folder name', () => {
    expect([...feedSources.keys()].sort()).toEqual([...folders].sort());
  });

  it.each(folders)(
    '%s: id equals folder, has readme, schema, spec and fixture sources',
    (folder) => {
      const source = feedSources.get(folder);
      expect(source?.id).toBe(folder);
      expect((source?.constructor as { id?: string } | undefined)?.id).toBe(folder);
      for (const file of ['index.ts', 'schema.ts', 'readme.md'])
        expect(existsSync(join(dir, folder, file)), file).toBe(true);
      expect(readdirSync(join(dir, folder)).some((f) => f.endsWith('.spec.ts'))).toBe(true);
      expect(existsSync(join(dir, folder, '__fixtures__', 'SOURCES.md'))).toBe(true);
    },
  );

  it.each([...feedSources.values()].filter((s) => s.id !== 'custom'))(
    '$id has an https default URL and a max age',
    (source) => {
      expect(source.defaultUrl).toMatch(/^https:\/\//);
      expect(source.defaultMaxAgeMs).toBeGreaterThan(0);
    },
  );
});
