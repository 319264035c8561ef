import { describe, expect, it } from 'vitest';
import { syncExitCode } from './sync-exit.js';

describe('syncExitCode', () => {
  it.each([
    [[], 0],
    [['E_INVENTORY_FILE'], 2],
    [['E_HTTP_TIMEOUT', 'E_FEED_PARSE'], 2],
    [['E_JAMF_AUTH'], 77],
    [['E_FLEET_AUTH'], 77],
    [['E_HTTP_NETWORK', 'E_JAMF_AUTH'], 77],
    [['E_SOMETHING_UNKNOWN'], 2],
  ] as const)('%j -> %i', (codes, exit) => {
    expect(syncExitCode(codes)).toBe(exit);
  });
});
