import { Counter, type Registry } from 'prom-client';

/** Why an osquery request was turned away; one label value each. */
export type RefusalReason =
  'enroll-secret' | 'enroll-conflict' | 'node-key' | 'too-large' | 'busy' | 'bad-body';

export type OsqueryEndpoint = 'enroll' | 'config' | 'log';

const NAME = 'patchbay_osquery_refused_total';

/**
 * `patchbay_osquery_refused_total{endpoint, reason}` on the context's registry, so a flood or a
 * node fighting over a host identifier shows on a graph and not only in the log. Reused when the
 * routes are mounted twice on one registry (prom-client refuses a second metric of one name).
 * Without a registry (tests, embedding) counting does nothing.
 */
export function refusalCounter(
  registry: Registry | undefined,
): (endpoint: OsqueryEndpoint, reason: RefusalReason) => void {
  if (!registry) return () => undefined;
  const counter =
    (registry.getSingleMetric(NAME) as Counter<'endpoint' | 'reason'> | undefined) ??
    new Counter({
      name: NAME,
      help: 'osquery TLS API requests refused, by endpoint and reason (enroll-secret, enroll-conflict, node-key, too-large, busy, bad-body).',
      labelNames: ['endpoint', 'reason'],
      registers: [registry],
    });
  return (endpoint, reason) => counter.inc({ endpoint, reason });
}
