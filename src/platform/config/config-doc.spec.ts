import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigDoc } from './config-doc.js';
import { optionTable } from './load-from-disk.js';

describe('docs/config.md', () => {
  it('is the rendering of the option table (regenerate with `patchbay config docs > docs/config.md`)', () => {
    const doc = readFileSync(new URL('../../../docs/config.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderConfigDoc(optionTable()));
  });

  it('documents every key once', () => {
    const keys = optionTable().map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
