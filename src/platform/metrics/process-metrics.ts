import { Counter, collectDefaultMetrics, type Registry } from 'prom-client';

/**
 * prom-client's default Node and process metrics, registered under `patchbay_`, minus the gauges
 * whose names end in `_total`. Prometheus reserves `_total` for counters, and `promtool check
 * metrics` flags `nodejs_active_handles_total`, `nodejs_active_requests_total` and
 * `nodejs_active_resources_total` (gauges). Each only sums its per-type sibling, so nothing is
 * lost: `sum(patchbay_nodejs_active_handles)` gives the same number.
 */
export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry, prefix: 'patchbay_' });
  // By shape rather than by a fixed list, so a metric a later prom-client adds is caught too.
  for (const metric of registry.getMetricsAsArray())
    if (metric.name.endsWith('_total') && !(metric instanceof Counter))
      registry.removeSingleMetric(metric.name);
}
