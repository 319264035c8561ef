import type { Command } from 'commander';
import { cycleFindings, type AppContext } from '../../context.js';
import { SlackClient } from '../../integrations/slack/slack-client.js';
import { PatchbayError } from '../../platform/errors/errors.js';
import { runReminderCycle, type CycleSummary } from '../../reminders/cycle.js';
import type { TeamsCardMessage } from '../../reminders/admin-summary.js';
import { TeamsNotifier } from '../../reminders/notifiers/teams/index.js';
import { refusingSlack, type SlackPort } from '../../reminders/slack-port.js';
import { renderDigest } from '../../reminders/digest-render.js';
import { NEAR_DAYS } from '../../reminders/digest-select.js';
import { plural } from '../../reminders/digest-text.js';
import { ReminderStore } from '../../reminders/store.js';
import { asOfTime } from '../as-of.js';
import { withContext } from '../common.js';
import { printJson, table, type Io } from '../output.js';

interface RemindOptions {
  readonly dryRun?: boolean;
  readonly now?: boolean;
  readonly json?: boolean;
  readonly person?: string;
  /** With --dry-run: compose as of this moment instead of the real clock. */
  readonly asOf?: Date;
  /** A Slack client to use instead of one built from config (the demo's runs on simulated time). */
  readonly slack?: SlackPort;
}

export function registerRemind(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('remind')
    .description(
      'Run a reminder cycle: one Slack DM digest per person who has something overdue or due soon',
    )
    .option(
      '--dry-run',
      'show each digest as Slack lays it out, whatever the schedule, and who cannot be reached; send and store nothing',
    )
    .option('--now', "send now, even outside each person's working hours or cadence day")
    .option('--person <email>', 'only this person')
    .option(
      '--as-of <time>',
      "with --dry-run: compose the digests as of this ISO time instead of now (e.g. the demo's 2026-09-18T18:00:00Z)",
      asOfTime,
    )
    .option('--json', 'print the outcome per person as JSON (with --dry-run: the Block Kit JSON)')
    .action(async (opts: RemindOptions, cmd: Command) => {
      // Sending on a clock that is not now would store digests and claims dated in the wrong
      // time: another moment is for previews only.
      if (opts.asOf && !opts.dryRun)
        throw new PatchbayError('E_USAGE', '--as-of needs --dry-run: digests are sent only now');
      await withContext(
        cmd,
        io,
        async (ctx) => {
          const summary = await runRemind(ctx, io, opts);
          const failed = summary.people.some(
            (p) => p.outcome === 'failed' || p.outcome === 'unknown',
          );
          setExit(failed ? 2 : 0);
        },
        opts.asOf,
      );
    });
}

export async function runRemind(
  ctx: AppContext,
  io: Io,
  opts: RemindOptions,
): Promise<CycleSummary> {
  const { config } = ctx.loaded;
  if (!opts.dryRun && !config.slack.token) {
    throw new PatchbayError(
      'E_CONFIG_INVALID',
      'slack.token is required to send digests (SLACK_BOT_TOKEN); use --dry-run to preview them',
      { key: 'slack.token' },
    );
  }
  const slack: SlackPort = opts.slack
    ? opts.slack
    : config.slack.token
      ? new SlackClient({
          token: config.slack.token,
          apiUrl: config.slack.apiUrl,
          logger: ctx.log,
          timeoutMs: config.http.timeout,
        })
      : unavailableSlack;
  const teams = config.teams.webhookUrl
    ? new TeamsNotifier({ http: ctx.http, webhookUrl: config.teams.webhookUrl, log: ctx.log })
    : null;
  const slackUnavailable = !opts.slack && !config.slack.token;
  const summary = await runReminderCycle(
    {
      store: new ReminderStore(ctx.db),
      slack,
      log: ctx.log,
      now: ctx.now,
      config,
      findings: cycleFindings(ctx),
      ...(teams
        ? { postTeams: async (card: unknown) => void (await teams.send(card as TeamsCardMessage)) }
        : {}),
    },
    {
      dryRun: opts.dryRun,
      slackUnavailable,
      ...(opts.person ? { person: opts.person } : {}),
      ignoreSchedule: opts.now,
      onProgress: (done, total) => io.err(`digests: ${done + 1}/${total}\n`),
    },
  );
  if (opts.json) {
    printJson(io, summary);
    return summary;
  }
  if (opts.dryRun) {
    if (opts.person && summary.people.length === 0)
      io.out(`${nothingFor(opts.person, summary.personSnoozed)}\n`);
    else printPreview(io, summary, slackUnavailable);
    return summary;
  }
  if (opts.person && summary.people.length === 0)
    io.out(`${nothingFor(opts.person, summary.personSnoozed)}\n`);
  io.out(
    `${table(
      ['person', 'items', 'max days overdue', 'outcome', 'reason'],
      summary.people.map((p) => [p.email, p.items, p.maxDaysOverdue, p.outcome, p.reason ?? '']),
    )}\n`,
  );
  io.out(
    `cycle ${summary.cycle}: ${summary.people.length} people with something to hear${heldBackNote(summary)}; ${summary.hostsWithoutOwner} host(s) without an owner.\n`,
  );
  return summary;
}

/** The control group is never an error: it is said once, beside the count it is part of. */
const heldBackNote = (summary: CycleSummary, among = true): string =>
  summary.heldBack > 0
    ? `, ${summary.heldBack}${among ? ' of them' : ' people'} held back (reminders control group: no DM)`
    : '';

/** Why one person gets nothing: all their pending updates may be snoozed, not absent. */
function nothingFor(email: string, snoozed = 0): string {
  if (snoozed > 0)
    return `Nothing to tell ${email} now: ${plural(snoozed, 'pending update')} of theirs ${snoozed === 1 ? 'is' : 'are all'} snoozed; digests list ${snoozed === 1 ? 'it' : 'them'} again once a snooze ends (at the latest at the deadline).`;
  return `Nothing to tell ${email}: no computer of theirs has anything overdue, unsupported or due within ${NEAR_DAYS} days.`;
}

/**
 * Each digest as Slack would show it, then who it would not reach and why: what an admin checks
 * before the first real run (a wrong owner email shows up here, not as a silent miss).
 */
function printPreview(io: Io, summary: CycleSummary, slackUnavailable: boolean): void {
  if (slackUnavailable) {
    io.out(
      'Slack is not configured (slack.token): the digests are shown, but nobody was looked up in Slack.\n\n',
    );
  }
  for (const p of summary.people) {
    const when = p.reason ? ` · ${p.reason}` : '';
    io.out(`── to ${p.email}${when}\n`);
    if (p.outcome === 'control-group') {
      io.out('\n');
      continue;
    }
    if (p.unreachable) io.out(`   cannot be reached: ${p.unreachable}\n`);
    io.out(
      `${p.message ? renderDigest(p.message.blocks) : `(${p.outcome}: ${p.reason ?? ''})`}\n\n`,
    );
  }
  const unreachable = summary.people.filter((p) => p.unreachable);
  if (unreachable.length > 0) {
    io.out(
      `${table(
        ['cannot be reached', 'why'],
        unreachable.map((p) => [p.email, p.unreachable ?? '']),
      )}\n`,
    );
  }
  io.out(
    `${plural(summary.people.length - summary.heldBack, 'digest')} previewed${unreachable.length > 0 ? `, ${unreachable.length} of them to people who cannot be reached` : ''}${heldBackNote(summary, false)}; ${summary.hostsWithoutOwner} host(s) without an owner. Nothing was sent.\n`,
  );
}

/** For --dry-run without a token: any Slack call is a bug, so it says so loudly. */
const unavailableSlack = refusingSlack('Slack is not configured');
