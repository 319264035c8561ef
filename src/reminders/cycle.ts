import type { Finding } from '../compliance/model.js';
import type { FindingsView } from '../compliance/service.js';
import type { Config } from '../platform/config/config.js';
import type { Logger } from '../platform/log/logger.js';
import { composeAdminSummary } from './admin-summary.js';
import { followUpClaims } from './claims.js';
import { deliverDigest, type DeliveryOutcome } from './deliver.js';
import { ACTION_TTL_DAYS } from './actions.js';
import { blockKitViolations } from './block-kit.js';
import { controlGroupSetting, expediteItems, inControlGroup } from './control-group.js';
import { composeDigest } from './digest.js';
import { NEAR_DAYS, selectDigestItems } from './digest-select.js';
import type { DigestInput, DigestMachine, DigestMessage } from './model.js';
import { previewPeople, resolvePeople, unreachableReason } from './people.js';
import {
  cycleId,
  effectiveCadence,
  scheduleDecision,
  shouldMentionAdmins,
  type ScheduleDecision,
} from './schedule.js';
import type { SlackPort } from './slack-port.js';
import { runPool } from './run-pool.js';
import type { ReminderStore, StoredPerson } from './store.js';
import { groupBy } from '../platform/collections/group-by.js';
import { describeError, PatchbayError } from '../platform/errors/errors.js';

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
  /** Composes one person's digest (default composeDigest); tests put a failing one in. */
  readonly compose?: (input: DigestInput) => DigestMessage;
}

export interface CycleOptions {
  /**
   * Compose the digests and return them, whatever the schedule; send nothing, write nothing.
   * People not known yet are looked up in Slack (read only) to say who cannot be reached.
   */
  readonly dryRun?: boolean;
  /** Dry run without Slack configured: nobody can be looked up, the digests are still composed. */
  readonly slackUnavailable?: boolean;
  /** Only this person (email, any case). */
  readonly person?: string;
  /** Send now even outside the person's working hours or cadence day (the cycle key still holds). */
  readonly ignoreSchedule?: boolean;
  /** Called as each person's turn starts, with how many turns started before it. */
  readonly onProgress?: (done: number, total: number) => void;
  /** People served at once (default DELIVERY_CONCURRENCY). */
  readonly concurrency?: number;
}

/**
 * Digests in flight at once. Slack limits chat.postMessage per DM channel (each person their
 * own) and per workspace (several hundred a minute): at ~0.1-0.5 s per call, 8 in flight keep
 * that budget busy, and the shared limiter holds them inside it.
 */
export const DELIVERY_CONCURRENCY = 8;

export interface PersonOutcome {
  readonly email: string;
  readonly items: number;
  readonly maxDaysOverdue: number;
  /** 'control-group': held back from DMs to measure what reminders change (control-group.ts). */
  readonly outcome: DeliveryOutcome | 'not-due' | 'no-slack-user' | 'dry-run' | 'control-group';
  readonly reason?: string;
  /**
   * Not due: whether anything is overdue or unsupported, the rule that made the cadence daily
   * (days overdue alone misses an item late by hours, or unsupported before its deadline).
   */
  readonly hasOverdue?: boolean;
  /** Dry run: why a digest could not reach this person (no Slack account, ...), when it could not. */
  readonly unreachable?: string;
  readonly message?: DigestMessage;
}

export interface CycleSummary {
  readonly cycle: string;
  readonly people: readonly PersonOutcome[];
  readonly hostsWithoutOwner: number;
  /** People held back from DMs this cycle (outcome 'control-group'); 0 when the group is off. */
  readonly heldBack: number;
  /**
   * With `person` and nothing to tell them: how many of their pending updates are snoozed, so
   * "nothing due" is not said of a person whose updates are due but postponed.
   */
  readonly personSnoozed?: number;
}

/** What `remind` says for a person in the control group (a dry run too). */
export const CONTROL_GROUP_REASON = 'in the control group: no DM';

/**
 * One reminder cycle: evaluate, pick each person's items, and send each person at most one
 * digest per cycle through the outbox. Every person is their own unit of failure; up to
 * `concurrency` people are served at once.
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
  const ownerOf = (f: Finding): string | null => hosts.get(f.hostId)?.ownerEmail ?? null;
  const only = opts.person?.toLowerCase();
  // One person: only their computers' snoozes (a snooze stays with its host, whoever made it).
  const theirHosts = only
    ? [...new Set(findings.filter((f) => ownerOf(f)?.toLowerCase() === only).map((f) => f.hostId))]
    : undefined;
  const snoozes = [...(await deps.store.activeSnoozes(now, theirHosts))].map(([k, until]) => {
    const [hostId = '', product = ''] = k.split('\u0000');
    return { hostId, product, until };
  });
  const hostsWithoutOwner = new Set(findings.filter((f) => !ownerOf(f)).map((f) => f.hostId)).size;
  const byPerson = groupBy(
    findings.filter((f) => ownerOf(f)),
    (f) => ownerOf(f) as string,
  );
  const candidates = [...byPerson]
    .filter(([email]) => only === undefined || email.toLowerCase() === only)
    .map(([email, fs]): Wanted => {
      const items = selectDigestItems(fs, snoozes, now);
      if (items.length > 0 || !(opts.dryRun && only)) return { email, items };
      // Previewing one person: the digest they will get once something is near, not nothing.
      return { email, items: selectDigestItems(fs, snoozes, now, Infinity), early: true };
    })
    .filter((p) => p.items.length > 0);
  const { held, wanted } = holdBack(candidates, controlGroupSetting(cfg));
  const emails = wanted.map((w) => w.email);
  const lookUp = { store: deps.store, slack: deps.slack, log: deps.log, now };
  // A dry run writes nothing (and without Slack asks nobody); a real run caches what Slack says.
  const people = !opts.dryRun
    ? await resolvePeople(lookUp, emails)
    : opts.slackUnavailable
      ? await deps.store.people(emails)
      : await previewPeople(lookUp, emails);
  const lastSent = await deps.store.lastSent(emails);
  const deliver = async ({ email, items, early }: Wanted): Promise<PersonOutcome> => {
    const base = { email, items: items.length, maxDaysOverdue: maxOverdue(items) };
    try {
      const p = { email, items, now, hosts, people, lastSent, ...(early ? { early } : {}) };
      return await personOutcome(deps, opts, p);
    } catch (err) {
      // Composing, storing and sending are all inside: one person's failure is theirs alone.
      deps.log.error({ email, err: describeError(err) }, 'Digest delivery failed');
      return { ...base, outcome: 'failed', reason: describeError(err) };
    }
  };
  // Each person is their own unit of failure; the limiter, not this loop, paces Slack calls.
  const outcomes = await runPool(wanted, opts.concurrency ?? DELIVERY_CONCURRENCY, (w, i) => {
    opts.onProgress?.(i, wanted.length);
    return deliver(w);
  });
  const summary: CycleSummary = {
    cycle: cycleId(cfg.cadence, now, cfg.defaultTz),
    people: [...outcomes, ...held],
    hostsWithoutOwner,
    heldBack: held.length,
    ...(only !== undefined && candidates.length === 0
      ? { personSnoozed: snoozedPending(byPerson, only, snoozes, now) }
      : {}),
  };
  if (!opts.dryRun) await postAdminSummary(deps, summary, findings, people);
  return summary;
}

interface Wanted {
  readonly email: string;
  readonly items: readonly Finding[];
  /** Dry run for one person: nothing is near yet, so this digest is not due on any day. */
  readonly early?: boolean;
}

/**
 * Takes the control group out before anyone is looked up in Slack: they get no DM, and cost no
 * call. A control person with a fix for an actively exploited CVE hears about that fix alone.
 */
function holdBack(
  candidates: readonly Wanted[],
  setting: ReturnType<typeof controlGroupSetting>,
): { held: PersonOutcome[]; wanted: Wanted[] } {
  const held: PersonOutcome[] = [];
  const wanted: Wanted[] = [];
  for (const w of candidates) {
    if (!inControlGroup(w.email, setting.share, setting.salt)) {
      wanted.push(w);
      continue;
    }
    const urgent = expediteItems(w.items);
    if (urgent.length > 0) wanted.push({ ...w, items: urgent });
    else
      held.push({
        email: w.email,
        items: w.items.length,
        maxDaysOverdue: maxOverdue(w.items),
        outcome: 'control-group',
        reason: CONTROL_GROUP_REASON,
      });
  }
  return { held, wanted };
}

/** Why a digest would not go out now, in words (a dry run shows it anyway). */
const NOT_DUE_WORDS: Readonly<Record<ScheduleDecision['reason'], string>> = {
  due: 'due',
  'outside-hours': "outside working hours in the person's time zone",
  'not-cadence-day': 'not their digest day',
  'already-sent': 'already sent this cycle',
};

const EARLY = `nothing overdue or due within ${NEAR_DAYS} days yet`;

const maxOverdue = (items: readonly Finding[]): number =>
  Math.max(0, ...items.map((f) => f.daysOverdue));

/** One person's turn: schedule, compose, and (unless a dry run) deliver through the outbox. */
async function personOutcome(
  deps: CycleDeps,
  opts: CycleOptions,
  p: Wanted & {
    now: Date;
    hosts: FindingsView['hosts'];
    people: ReadonlyMap<string, StoredPerson>;
    lastSent: ReadonlyMap<string, string>;
  },
): Promise<PersonOutcome> {
  const { email, items, now } = p;
  const cfg = deps.config.reminders;
  const person = p.people.get(email) ?? {
    email,
    name: null,
    slackUserId: null,
    tz: null,
    dmChannelId: null,
    slackError: null,
    lookedUpAt: null,
  };
  const maxDaysOverdue = maxOverdue(items);
  const hasOverdue = items.some((f) => f.status === 'overdue' || f.status === 'unsupported');
  const last = p.lastSent.get(email);
  const decision = scheduleDecision(
    { ...cfg, tz: person.tz, lastSentAt: last ? new Date(last) : null, hasOverdue },
    now,
  );
  const cycle = opts.ignoreSchedule
    ? cycleId(effectiveCadence(cfg.cadence, hasOverdue), now, decision.tz)
    : decision.cycle;
  const base = { email, items: items.length, maxDaysOverdue };
  // A dry run shows the digest whatever the schedule, and says when it would really go out.
  const notDue = p.early === true || (!opts.ignoreSchedule && !decision.due);
  if (notDue && !opts.dryRun) {
    return { ...base, outcome: 'not-due', reason: decision.reason, hasOverdue };
  }
  const key = `${email}/${cycle}`;
  const message = (deps.compose ?? composeDigest)({
    person,
    idempotencyKey: key,
    cycle,
    machines: machinesOf(items, p.hosts),
    howToUpdate: cfg.howToUpdate,
    ...(cfg.notes ? { notes: cfg.notes } : {}),
    snoozeDays: cfg.snoozeDays,
    now,
  });
  // Slack would refuse it anyway; refusing here says which limit, and stores nothing.
  const problems = blockKitViolations(message);
  if (problems.length > 0) {
    throw new PatchbayError(
      'E_SLACK_BLOCK_LIMIT',
      `Digest for ${email} breaks Slack's Block Kit limits: ${problems.slice(0, 5).join('; ')}`,
      { email, problems },
    );
  }
  if (opts.dryRun) {
    const unreachable = unreachableReason(p.people.get(email), !opts.slackUnavailable);
    return {
      ...base,
      outcome: 'dry-run',
      ...(notDue
        ? { reason: `not due now: ${p.early ? EARLY : NOT_DUE_WORDS[decision.reason]}` }
        : {}),
      ...(unreachable ? { unreachable } : {}),
      message,
    };
  }
  if (!person.slackUserId) {
    return { ...base, outcome: 'no-slack-user', reason: person.slackError ?? 'users_not_found' };
  }
  // Before the digest can be sent, so that any click on it finds its action.
  await deps.store.saveActions({
    email,
    actions: message.actions,
    now,
    expiresAt: new Date(now.getTime() + ACTION_TTL_DAYS * 86_400_000),
  });
  const res = await deliverDigest(deps, {
    key,
    email,
    cycle,
    userId: person.slackUserId,
    dmChannelId: person.dmChannelId,
    message,
    items: items.length,
    maxDaysOverdue,
  });
  return { ...base, outcome: res.outcome, ...(res.error ? { reason: res.error } : {}) };
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
  // Admins chasing a control person would be a reminder by other means: the dashboard still shows them.
  const escalations = s.people
    .filter((p) => p.outcome !== 'control-group')
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
    skipped: s.people.length - sent - failed.length - s.heldBack,
    heldBack: s.heldBack,
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

/** Pending updates of one person a snooze keeps out of their digest (the rest would be picked). */
function snoozedPending(
  byPerson: ReadonlyMap<string, readonly Finding[]>,
  only: string,
  snoozes: Parameters<typeof selectDigestItems>[1],
  now: Date,
): number {
  const theirs = [...byPerson]
    .filter(([email]) => email.toLowerCase() === only)
    .flatMap(([, fs]) => fs);
  const unsnoozed = selectDigestItems(theirs, [], now, Infinity).length;
  return unsnoozed - selectDigestItems(theirs, snoozes, now, Infinity).length;
}
