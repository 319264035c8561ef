import { lackFor } from './lack.js';
import type { Finding, Policy } from './model.js';
import { placeHost } from './place-host.js';
import type { ProductView } from './product-view.js';
import { targetFor } from './target.js';

const DAY_MS = 86_400_000;

type Verdict = Pick<Finding, 'status' | 'reason'> & Partial<Finding>;

/** One host x product verdict (see evaluate for the rules). */
export function judge(
  view: ProductView,
  policy: Policy,
  hostId: string,
  installed: string,
  now: Date,
): Finding {
  const { product, scheme } = view;
  const make = (track: string | null, v: Verdict): Finding => ({
    hostId,
    product: product.id,
    productName: product.name,
    // A single-track product (a Homebrew cask) has nothing to tell apart.
    track: view.entries.length > 1 ? track : null,
    installed,
    required: null,
    requiredReleasedAt: null,
    deadline: null,
    daysOverdue: 0,
    exploitedCves: [],
    cveCount: 0,
    ...v,
  });

  if (view.entries.length === 0) {
    return make(null, { status: 'unknown', reason: `no ${product.name} release is known yet` });
  }
  const parsed = scheme.parse(installed);
  if (!parsed.ok) {
    return make(null, {
      status: 'unknown',
      reason: `installed ${product.name} version "${installed}" cannot be read: ${parsed.error}`,
    });
  }
  const place = placeHost(view, parsed.value);
  if (place.kind === 'unknown') return make(null, { status: 'unknown', reason: place.reason });
  if (place.kind === 'unsupported') {
    // Which majors are supported is the feed's word: a stale feed cannot declare an end of life.
    const stale = view.entries.flatMap((e) => (e.stale && e.staleReason ? [e.staleReason] : []));
    if (stale.length > 0) {
      return make(place.major, { status: 'unknown', reason: [...new Set(stale)].join('; ') });
    }
    const { oldest } = place;
    return make(place.major, {
      status: 'unsupported',
      required: oldest.version,
      reason: `${product.name} ${place.major} is no longer supported: upgrade required (to ${oldest.trackName} ${oldest.version} or later)`,
    });
  }

  const { entry } = place;
  if (entry.stale) {
    return make(entry.track, {
      status: 'unknown',
      reason: entry.staleReason ?? `${entry.trackName} is stale`,
    });
  }
  const target = targetFor(view, policy, entry);
  if (!target.ok) return make(entry.track, { status: 'unknown', reason: target.reason });
  const required = target.required.raw;
  if (scheme.compare(parsed.value, target.required) >= 0) {
    return make(entry.track, {
      status: 'current',
      required,
      reason: `${product.name} ${installed} meets ${target.label} (${required})`,
    });
  }

  const lack = lackFor(view, parsed.value, target, policy);
  if (!lack) {
    return make(entry.track, {
      status: 'unknown',
      reason: `no known ${product.name} release reaches ${target.label} (${required})`,
    });
  }
  const late = now.getTime() >= lack.deadline.getTime();
  const daysOverdue = late ? Math.floor((now.getTime() - lack.deadline.getTime()) / DAY_MS) : 0;
  const security = securityNote(lack.exploitedCves);
  const reason = late
    ? `${product.name} ${installed} is ${daysOverdue} ${daysOverdue === 1 ? 'day' : 'days'} overdue for ${required}${security}`
    : `${product.name} ${installed} should be updated to ${required} by ${lack.deadline.toISOString().slice(0, 10)}${security}`;
  return make(entry.track, {
    status: late ? 'overdue' : 'pending',
    required,
    requiredReleasedAt: lack.startedAt,
    deadline: lack.deadline.toISOString(),
    daysOverdue,
    exploitedCves: lack.exploitedCves,
    cveCount: lack.cveCount,
    reason,
  });
}

/** Short enough for a digest line: the ids when there are one or two, a count beyond. */
function securityNote(exploited: readonly string[]): string {
  if (exploited.length === 0) return '';
  if (exploited.length <= 2) return ` (fixes actively exploited ${exploited.join(' and ')})`;
  return ` (fixes ${exploited.length} actively exploited CVEs)`;
}
