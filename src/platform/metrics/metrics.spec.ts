import { describe, expect, it } from 'vitest';
import { createMetrics, setFindings } from './metrics.js';

describe('metrics', () => {
  it('renders Prometheus text with our series and no process metrics unless asked', async () => {
    const m = createMetrics();
    m.feedSyncs.inc({ feed: 'sofa-macos', outcome: 'updated' });
    m.digests.inc({ outcome: 'sent' }, 3);
    m.slackRateLimited.inc({ method: 'chat.postMessage' });
    m.jobDuration.observe({ job: 'feeds', status: 'succeeded' }, 2.5);
    setFindings(
      m,
      new Map([
        [
          'macos',
          new Map([
            ['overdue', 4],
            ['current', 10],
          ]),
        ],
      ]),
    );
    const text = await m.registry.metrics();
    expect(text).toContain('patchbay_feed_syncs_total{feed="sofa-macos",outcome="updated"} 1');
    expect(text).toContain('patchbay_digests_total{outcome="sent"} 3');
    expect(text).toContain('patchbay_slack_rate_limited_total{method="chat.postMessage"} 1');
    expect(text).toContain('patchbay_findings{product="macos",status="overdue"} 4');
    expect(text).toContain(
      'patchbay_job_duration_seconds_bucket{le="5",job="feeds",status="succeeded"} 1',
    );
    expect(text).not.toContain('process_cpu');
  });

  it('drops a series that vanished from the next evaluation', async () => {
    const m = createMetrics();
    setFindings(m, new Map([['chrome', new Map([['pending', 2]])]]));
    setFindings(m, new Map([['macos', new Map([['current', 1]])]]));
    const text = await m.registry.metrics();
    expect(text).not.toContain('product="chrome"');
    expect(text).toContain('patchbay_findings{product="macos",status="current"} 1');
  });

  it('with process metrics, names end in _total only on counters (Prometheus reserves it)', async () => {
    const text = await createMetrics({ processMetrics: true }).registry.metrics();
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({
      name,
      type,
    }));
    expect(types.some((t) => t.name === 'patchbay_nodejs_active_handles')).toBe(true);
    expect(types.filter((t) => t.name?.endsWith('_total') && t.type !== 'counter')).toEqual([]);
  });

  it('keeps registries apart: two contexts never share counts', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.digests.inc({ outcome: 'sent' });
    expect(await b.registry.metrics()).not.toContain('patchbay_digests_total{outcome="sent"} 1');
  });
});
