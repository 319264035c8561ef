import { describe, expect, it } from 'vitest';
import { isLive, liveSince } from './enroll-policy.js';

const NOW = new Date('2026-08-18T12:00:00Z');
const H = 3_600_000;

describe('enroll policy: a node is live while its key was used within liveFor', () => {
  it.each([
    ['never used (a lost enroll answer)', null, 2 * H, false],
    ['used a minute ago', '2026-08-18T11:59:00.000Z', 2 * H, true],
    ['used just inside liveFor', '2026-08-18T10:00:00.001Z', 2 * H, true],
    ['used exactly liveFor ago', '2026-08-18T10:00:00.000Z', 2 * H, false],
    ['quiet for a day (a reinstalled Mac)', '2026-08-17T12:00:00.000Z', 2 * H, false],
    ['used now, rule off (liveFor 0)', '2026-08-18T12:00:00.000Z', 0, false],
  ])('%s', (_what, keyUsedAt, liveFor, live) => {
    expect(isLive(keyUsedAt, NOW, liveFor)).toBe(live);
  });

  it('compares as ISO text, the form the store keeps', () => {
    expect(liveSince(NOW, 2 * H)).toBe('2026-08-18T10:00:00.000Z');
  });
});
