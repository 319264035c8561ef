import type { Finding } from '../compliance/model.js';
import type { FindingsView } from '../compliance/service.js';
import type { Config } from '../platform/config/config.js';
import type { Logger } from '../platform/log/logger.js';
import { composeAdminSummary } from './admin-summary.js';
import { followUpClaims } from './claims.js';
import { deliverDigest, type DeliveryOutcome } from './deliver.js';
import { composeDigest } from './digest.js';
import { selectDigestItems } from './digest-select.js';
import type { DigestMachine, DigestMessage } from './model.js';
import { resolvePeople } from './people.js';
import { cycleId, effectiveCadence, scheduleDecision, shouldMentionAdmins } from './schedule.js';
import type { SlackPort } from './slack-port.js';
import type { ReminderStore } from './store.js';
import { groupBy } from '../platform/collections/group-by.js';

export interface CycleDeps {
  readonly store: ReminderStore;
  readonly slack: SlackPort;
  readonly log: Logger;
  readonly now: () => Date;
  readonly config: Pick<Config, 'reminders' | 'slack'>;
  /** Findings as of now (compliance/service.ts computeFindings). */
  readonly findings: () => Promise<FindingsView>;
  /** Posts the admin summary to Teams when configured. */
  readonly postTeams?: (card: unknown) => Promise<void>;
}

export interface CycleOptions {
  /** Compose the digests and return them; send nothing, write nothing. */
  readonly dryRun?: boolean;
  /** Send now even outside the person's working hours or cadence day (the cycle key still holds). */
  readonly ignoreSchedule?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface PersonOutcome {
  readonly email: string;
  readonly items: number;
  readonly maxDaysOverdue: number;
  readonly outcome: DeliveryOutcome | 'not-due' | 'no-slack-user' | 'dry-run';
  readonly reason?: string;
  readonly message?: DigestMessage;
}

export interface CycleSummary {
  readonly cycle: string;
  readonly people: readonly PersonOutcome[];
  readonly hostsWithoutOwner: number;
}

/**
 * One reminder cycle: evaluate, pick each person's items, and send each person at most one
 * digest per cycle through the outbox. Every person is their own unit of failure.
 */
export async function runReminderCycle(
  deps: CycleDeps,
  opts: CycleOptions = {},
): Promise<CycleSummary> {
  const now = deps.now();
  const cfg = deps.config.reminders;
  const view = await deps.findings();
  const { findings, hosts } = view;
  if (!opts.dryRun)
    await followUpClaims({ store: deps.store, slack: deps.slack, log: deps.log, now }, view);
  const snoozes = [...(await deps.store.activeSnoozes(now))].map(([k, until]) => {
    const [hostId = '', product = ''] = k.split('\u0000');
    return { hostId, product, until };
  });
  const ownerOf = (f: Finding): string | null => hosts.get(f.hostId)?.ownerEmail ?? null;
  const hostsWithoutOwner = new Set(findings.filter((f) => !ownerOf(f)).map((f) => f.hostId)).size;
  const byPerson = groupBy(
    findings.filter((f) => ownerOf(f)),
    (f) => ownerOf(f) as string,
  );
  const wanted = [...byPerson]
    .map(([email, fs]) => ({ email, items: selectDigestItems(fs, snoozes, now) }))
    .filter((p) => p.items.length > 0);
  const people = opts.dryRun
    ? await deps.store.people(wanted.map((w) => w.email))
    : await resolvePeople(
        { store: deps.store, slack: deps.slack, log: deps.log, now },
        wanted.map((w) => w.email),
      );
  const lastSent = await deps.store.lastSent(wanted.map((w) => w.email));
  const outcomes: PersonOutcome[] = [];
  for (const [i, { email, items }] of wanted.entries()) {
    opts.onProgress?.(i, wanted.length);
    const person = people.get(email) ?? {
      email,
      name: null,
      slackUserId: null,
      tz: null,
      dmChannelId: null,
      slackError: null,
      lookedUpAt: null,
    };
    const maxDaysOverdue = Math.max(0, ...items.map((f) => f.daysOverdue));
    const hasOverdue = items.some((f) => f.status === 'overdue' || f.status === 'unsupported');
    const decision = scheduleDecision(
      {
        ...cfg,
        tz: person.tz,
        lastSentAt: lastSent.has(email) ? new Date(lastSent.get(email) as string) : null,
        hasOverdue,
      },
      now,
    );
    const cycle = opts.ignoreSchedule
      ? cycleId(effectiveCadence(cfg.cadence, hasOverdue), now, decision.tz)
      : decision.cycle;
    const base = { email, items: items.length, maxDaysOverdue };
    if (!opts.ignoreSchedule && !decision.due) {
      outcomes.push({ ...base, outcome: 'not-due', reason: decision.reason });
      continue;
    }
    const key = `${email}/${cycle}`;
    const message = composeDigest({
      person,
      idempotencyKey: key,
      cycle,
      machines: machinesOf(items, hosts),
      howToUpdate: cfg.howToUpdate,
      snoozeDays: cfg.snoozeDays,
      now,
    });
    if (opts.dryRun) {
      outcomes.push({ ...base, outcome: 'dry-run', message });
      continue;
    }
    if (!person.slackUserId) {
      outcomes.push({
        ...base,
        outcome: 'no-slack-user',
        reason: person.slackError ?? 'users_not_found',
      });
      continue;
    }
    try {
      const channel = person.dmChannelId ?? (await openDm(deps, email, person.slackUserId));
      const res = await deliverDigest(deps, {
        key,
        email,
        cycle,
        channel,
        message,
        items: items.length,
        maxDaysOverdue,
      });
      outcomes.push({ ...base, outcome: res.outcome, ...(res.error ? { reason: res.error } : {}) });
    } catch (err) {
      deps.log.error({ email, err: (err as Error).message }, 'Digest delivery failed');
      outcomes.push({ ...base, outcome: 'failed', reason: (err as Error).message });
    }
  }
  const summary: CycleSummary = {
    cycle: cycleId(cfg.cadence, now, cfg.defaultTz),
    people: outcomes,
    hostsWithoutOwner,
  };
  if (!opts.dryRun) await postAdminSummary(deps, summary, findings, people);
  return summary;
}

async function openDm(deps: CycleDeps, email: string, userId: string): Promise<string> {
  const res = await deps.slack.openDm(userId);
  if (!res.ok) {
    await deps.store.savePerson({ email, slack_error: res.error });
    throw new Error(`conversations.open: ${res.error}`);
  }
  await deps.store.savePerson({ email, dm_channel_id: res.value });
  return res.value;
}

function machinesOf(items: readonly Finding[], hosts: FindingsView['hosts']): DigestMachine[] {
  return [...groupBy(items, (f) => f.hostId)].map(([hostId, fs]) => ({
    hostId,
    name: hosts.get(hostId)?.name ?? null,
    serial: hosts.get(hostId)?.serial ?? null,
    platform: hosts.get(hostId)?.platform,
    items: fs,
  }));
}

/** Only a run that sent or failed something is worth an admin's attention. */
async function postAdminSummary(
  deps: CycleDeps,
  s: CycleSummary,
  findings: readonly Finding[],
  people: Map<string, { slackUserId: string | null }>,
): Promise<void> {
  const sent = s.people.filter((p) => p.outcome === 'sent' || p.outcome === 'recovered').length;
  const failed = s.people
    .filter((p) => p.outcome === 'failed' || p.outcome === 'no-slack-user')
    .map((p) => ({ email: p.email, error: p.reason ?? 'failed' }));
  if (sent === 0 && failed.length === 0) return;
  const overdue = new Map<string, { product: string; productName: string; hosts: number }>();
  for (const f of findings.filter((x) => x.status === 'overdue')) {
    const o = overdue.get(f.product) ?? {
      product: f.product,
      productName: f.productName,
      hosts: 0,
    };
    overdue.set(f.product, { ...o, hosts: o.hosts + 1 });
  }
  const escalations = s.people
    .filter((p) => shouldMentionAdmins(p.maxDaysOverdue, deps.config.reminders.escalateAfterDays))
    .map((p) => ({
      email: p.email,
      slackUserId: people.get(p.email)?.slackUserId ?? null,
      maxDaysOverdue: p.maxDaysOverdue,
    }));
  const summary = composeAdminSummary({
    cycle: s.cycle,
    sent,
    failed,
    skipped: s.people.length - sent - failed.length,
    overdueByProduct: [...overdue.values()],
    escalations,
  });
  const channel = deps.config.slack.adminChannel;
  try {
    if (channel)
      await deps.slack.postMessage({
        channel,
        text: summary.slack.text,
        blocks: summary.slack.blocks,
      });
    if (deps.postTeams) await deps.postTeams(summary.teams);
  } catch (err) {
    // The digests went out; a lost summary is logged, never a reason to fail the cycle.
    deps.log.error({ err: (err as Error).message }, 'Admin summary not delivered');
  }
}
