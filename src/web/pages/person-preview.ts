import { listFindings } from '../../compliance/findings-query.js';
import { ACTIONABLE, viewOf } from '../../compliance/service.js';
import type { AppContext } from '../../context.js';
import { runReminderCycle } from '../../reminders/cycle.js';
import { renderDigest } from '../../reminders/digest-render.js';
import { NEAR_DAYS } from '../../reminders/digest-select.js';
import { refusingSlack } from '../../reminders/slack-port.js';
import { ReminderStore } from '../../reminders/store.js';
import { unreachableWhy } from './person-advice.js';
import { count } from './units.js';

/** The digest a person would get now, laid out as `remind --dry-run` prints it, or why none. */
export type DigestPreview =
  | {
      readonly kind: 'digest';
      /** renderDigest of the blocks: the very text `remind --dry-run --person` prints. */
      readonly text: string;
      readonly blocks: readonly Record<string, unknown>[];
      /** Why it would not go out right now (schedule, nothing near yet), when it would not. */
      readonly notDue: string | null;
      /** Why it would not reach them (no Slack account, not looked up yet), when it would not. */
      readonly unreachable: string | null;
    }
  | { readonly kind: 'none'; readonly why: string };

/**
 * A page load must never call Slack: the preview runs the cycle as `remind --dry-run` does
 * without a Slack token, so people come from the stored look-ups only.
 */
const NO_SLACK_ON_PAGE_LOAD = refusingSlack('no Slack call on a page load');

/**
 * This person's digest as of `now`, whatever the schedule: the reminder cycle's own dry run
 * (selection, control group, composition, Block Kit checks), fed this person's actionable
 * findings only, so the page costs one person. It sends and writes nothing.
 */
export async function previewDigest(
  ctx: AppContext,
  email: string,
  now: Date,
): Promise<DigestPreview> {
  const owner = email.trim().toLowerCase();
  const store = new ReminderStore(ctx.db);
  // What actionableFindings reads for the cycle, narrowed to this owner.
  const rows = await listFindings(ctx.db, now, {
    owner,
    statuses: [...ACTIONABLE],
    withoutIdentityConflicts: true,
  });
  const summary = await runReminderCycle(
    {
      store,
      slack: NO_SLACK_ON_PAGE_LOAD,
      log: ctx.log,
      now: () => now,
      config: ctx.loaded.config,
      findings: () => Promise.resolve(viewOf(rows)),
    },
    { dryRun: true, slackUnavailable: true, person: owner, concurrency: 1 },
  );
  const [p] = summary.people;
  if (!p) return { kind: 'none', why: nothingToTell(summary.personSnoozed ?? 0) };
  // No message: held back (control group) or refused before sending (Block Kit limits).
  if (!p.message) return { kind: 'none', why: p.reason ?? p.outcome };
  const people = await store.people([owner]);
  return {
    kind: 'digest',
    text: renderDigest(p.message.blocks),
    blocks: p.message.blocks,
    notDue: p.reason ?? null,
    unreachable: unreachableWhy(people.get(owner), Boolean(ctx.loaded.config.slack.token)),
  };
}

/** Why the cycle picked nothing for them: the cycle counts their snoozed pending updates. */
function nothingToTell(snoozed: number): string {
  if (snoozed === 0)
    return `Nothing to tell them: no computer of theirs has anything overdue, unsupported or due within ${NEAR_DAYS} days.`;
  return `Nothing to tell them now: ${count(snoozed, 'pending update')} of theirs ${snoozed === 1 ? 'is' : 'are all'} snoozed (see Reminders); digests list ${snoozed === 1 ? 'it' : 'them'} again once a snooze ends (at the latest at the deadline).`;
}
