import { z } from 'zod';

/**
 * Response shapes of the API, in zod so the OpenAPI document is generated from them and the tests
 * check real responses against them. They mirror the CLI's `--json` output.
 */
export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

const FINDING_STATUSES = ['current', 'pending', 'overdue', 'unsupported', 'unknown'] as const;
export const findingStatus = z.enum(FINDING_STATUSES);

/** One track's latest release: the objects of `patchbay catalog --json`. */
export const catalogEntry = z.object({
  product: z.string(),
  productName: z.string(),
  track: z.string(),
  trackName: z.string(),
  version: z.string(),
  build: z.string().nullable(),
  releasedAt: z.string().nullable(),
  cves: z.array(z.string()),
  exploitedCves: z.array(z.string()),
  url: z.string().nullable(),
  supported: z.boolean(),
  stale: z.boolean(),
  staleReason: z.string().nullable(),
  firstSeenAt: z.string(),
});

/** A host: the objects of `patchbay hosts --json`. */
export const host = z.object({
  id: z.string(),
  serial: z.string().nullable(),
  name: z.string().nullable(),
  platform: z.string(),
  osVersion: z.string().nullable(),
  osBuild: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  active: z.boolean(),
  owner: z
    .object({ email: z.string(), name: z.string().nullable(), source: z.string().nullable() })
    .nullable(),
  products: z.record(z.string(), z.string()).describe('product id -> installed version'),
  sources: z.array(z.string()),
  identityConflict: z
    .object({
      serial: z.string().describe('the serial this host reports'),
      hostId: z.string().describe('the host that holds that serial'),
    })
    .nullable()
    .describe(
      'set when the host was kept apart: it reports a serial another host holds and nothing confirms they are one machine (an osquery node whose hardware UUID does not match)',
    ),
});

/** One host x product verdict: the objects of `patchbay report --json`. */
export const finding = z.object({
  hostId: z.string(),
  hostName: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  product: z.string(),
  productName: z.string(),
  track: z.string().nullable(),
  status: findingStatus,
  installed: z.string(),
  required: z.string().nullable(),
  requiredReleasedAt: z.string().nullable(),
  deadline: z.string().nullable(),
  daysOverdue: z.number(),
  exploitedCves: z.array(z.string()),
  cveCount: z.number(),
  reason: z.string(),
});

export const hostDetail = host.extend({ findings: z.array(finding) });

export const findingCounts = z.object(
  Object.fromEntries(FINDING_STATUSES.map((s) => [s, z.number().int()])) as Record<
    (typeof FINDING_STATUSES)[number],
    z.ZodNumber
  >,
);

/** A person who owns hosts, with where they stand and what their last digest did. */
export const person = z.object({
  email: z.string(),
  name: z.string().nullable(),
  hosts: z.number().int().describe('active hosts they own'),
  findings: findingCounts,
  computers: z
    .object({
      withFindings: z.number().int().describe('active computers they own with watched products'),
      overdue: z.number().int().describe('of those, computers with an update past its deadline'),
      pending: z
        .number()
        .int()
        .describe('of those, computers with an update within its grace period'),
    })
    .describe('their computers, as the dashboard counts them (a computer can be both)'),
  oldestMissedAt: z
    .string()
    .nullable()
    .describe('the oldest deadline any of their computers missed; null: nothing overdue'),
  lastDigest: z
    .object({
      cycle: z.string(),
      status: z.enum(['pending', 'sending', 'sent', 'failed']),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
    })
    .nullable(),
});

/**
 * Time-to-install of one release: the objects of `patchbay report --tti --json`. Kaplan-Meier
 * estimates: hosts still waiting count as not installed until now, hosts that left until they left.
 */
export const ttiStats = z.object({
  product: z.string(),
  track: z.string(),
  version: z.string(),
  releasedAt: z.string(),
  ageDays: z
    .number()
    .describe('days the release has been out: how long every waiting host has waited'),
  hostsNeeding: z.number().int(),
  hostsInstalled: z.number().int(),
  hostsWaiting: z.number().int().describe('hosts that still need it (censored now)'),
  hostsLeft: z
    .number()
    .int()
    .describe('hosts that left the fleet before installing it (censored when they left)'),
  medianDays: z.number().nullable().describe('days by which half installed; null: not reached yet'),
  p90Days: z.number().nullable().describe('days by which 90% installed; null: not reached yet'),
  within7: z
    .number()
    .nullable()
    .describe('estimated share installed within 7 days; null while the release is younger'),
  within14: z.number().nullable(),
  within30: z.number().nullable(),
});
