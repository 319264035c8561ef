import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { collectProcessMetrics } from './process-metrics.js';

/**
 * Prometheus metrics, one registry per context (never the library's global one), served at
 * /metrics. Names follow Prometheus conventions (`_total` only on counters, `_seconds` durations);
 * `promtool check metrics` holds the scraped text to them in promtool.spec.ts.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly feedSyncs: Counter<'feed' | 'outcome'>;
  readonly inventorySyncs: Counter<'source' | 'outcome'>;
  readonly findings: Gauge<'product' | 'status'>;
  readonly digests: Counter<'outcome'>;
  readonly slackRateLimited: Counter<'method'>;
  readonly jobDuration: Histogram<'job' | 'status'>;
}

export function createMetrics(opts: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.processMetrics) collectProcessMetrics(registry);
  return {
    registry,
    feedSyncs: new Counter({
      name: 'patchbay_feed_syncs_total',
      help: 'Feed reads by outcome (updated, not-modified, failed).',
      labelNames: ['feed', 'outcome'],
      registers: [registry],
    }),
    inventorySyncs: new Counter({
      name: 'patchbay_inventory_syncs_total',
      help: 'Inventory source reads by outcome.',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    }),
    findings: new Gauge({
      name: 'patchbay_findings',
      help: 'Findings by product and status at the last evaluation.',
      labelNames: ['product', 'status'],
      registers: [registry],
    }),
    digests: new Counter({
      name: 'patchbay_digests_total',
      help: 'Digest deliveries by outcome (sent, recovered, failed, ...).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    slackRateLimited: new Counter({
      name: 'patchbay_slack_rate_limited_total',
      help: 'Slack 429 answers, by Web API method.',
      labelNames: ['method'],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'patchbay_job_duration_seconds',
      help: 'Scheduled job run time by job and final status.',
      labelNames: ['job', 'status'],
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers: [registry],
    }),
  };
}

/** Replace the findings gauge with fresh counts (a product/status that vanished drops to absent). */
export function setFindings(
  m: Metrics,
  counts: ReadonlyMap<string, ReadonlyMap<string, number>>,
): void {
  m.findings.reset();
  for (const [product, byStatus] of counts)
    for (const [status, n] of byStatus) m.findings.set({ product, status }, n);
}
