import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'sandbox/**/*.spec.ts', 'test/**/*.spec.ts'],
    // Store tests share one PostgreSQL server; each file uses its own schema, so files may run in parallel.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
