import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Patchbay's version from its package.json, found by walking up from this module: the CLI runs
 * from src/cli (tsx, tests) and from dist/src/cli (the built launcher), at different depths, and
 * a copied version string would drift from the package the admin installed.
 */
export function packageVersion(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'patchbay' && typeof pkg.version === 'string') return pkg.version;
    }
    const parent = dirname(dir);
    // Past the root without finding it: say so rather than invent a number.
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
