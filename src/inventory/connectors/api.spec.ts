import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/db.js';
import { createInventoryConnectors } from './api.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const folders = readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory());
const db = openDatabase('sqlite::memory:');
const connectors = createInventoryConnectors({ db });
afterAll(() => db.close());

describe('inventory connector registry', () => {
  it('registers every connector folder, under its folder name', () => {
    expect([...connectors.keys()].sort()).toEqual([...folders].sort());
  });

  it.each(folders)(
    '%s: id equals folder; readme, schema, spec and fixture sources exist',
    (folder) => {
      const c = connectors.get(folder);
      expect(c?.id).toBe(folder);
      expect((c?.constructor as { id?: string } | undefined)?.id).toBe(folder);
      for (const file of ['index.ts', 'schema.ts', 'readme.md'])
        expect(existsSync(join(dir, folder, file)), file).toBe(true);
      expect(readdirSync(join(dir, folder)).some((f) => f.endsWith('.spec.ts'))).toBe(true);
      expect(existsSync(join(dir, folder, '__fixtures__', 'SOURCES.md'))).toBe(true);
    },
  );
});
