import type { Finding } from '../../compliance/model.js';

/** A finding with sensible defaults (pending Chrome on host h1); override what a test varies. */
export function finding(over: Partial<Finding> = {}): Finding {
  return {
    hostId: 'h1',
    product: 'chrome',
    productName: 'Google Chrome',
    track: 'stable',
    status: 'pending',
    installed: '131.0.6778.69',
    required: '131.0.6778.85',
    requiredReleasedAt: '2026-11-20T00:00:00Z',
    deadline: '2026-12-02T12:00:00Z',
    daysOverdue: 0,
    exploitedCves: [],
    cveCount: 0,
    reason: '',
    ...over,
  };
}
