import { escapeMrkdwn, plural } from './digest-text.js';

/** What one reminder cycle did, for the admins. */
export interface AdminSummaryInput {
  readonly cycle: string;
  readonly sent: number;
  /** People whose digest could not be delivered, with Slack's reason (users_not_found, ...). */
  readonly failed: readonly { readonly email: string; readonly error: string }[];
  /** People with nothing to hear about this cycle (or not due yet). */
  readonly skipped: number;
  /** People in the reminders control group, who got no DM (absent or 0: the group is off). */
  readonly heldBack?: number;
  readonly overdueByProduct: readonly {
    readonly product: string;
    readonly productName: string;
    readonly hosts: number;
  }[];
  /** People past the escalation threshold; a known Slack id becomes a mention. */
  readonly escalations: readonly {
    readonly email: string;
    readonly slackUserId?: string | null;
    readonly maxDaysOverdue: number;
  }[];
}

/** An Adaptive Card element; the card schema is open-ended and Teams ignores what it does not know. */
export type CardElement = Record<string, unknown>;

/** The body a Teams Workflows webhook ("When a Teams webhook request is received") accepts. */
export interface TeamsCardMessage {
  readonly type: 'message';
  readonly attachments: readonly {
    readonly contentType: 'application/vnd.microsoft.card.adaptive';
    readonly contentUrl: null;
    readonly content: {
      readonly $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
      readonly type: 'AdaptiveCard';
      readonly version: string;
      readonly body: readonly CardElement[];
    };
  }[];
}

export interface AdminSummary {
  readonly slack: { readonly text: string; readonly blocks: readonly Record<string, unknown>[] };
  readonly teams: TeamsCardMessage;
}

// Lists are capped: Slack sections hold 3,000 characters and a Teams message 28 KB in all.
const MAX_LISTED = 25;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

function capped<T>(items: readonly T[]): { shown: readonly T[]; more: number } {
  return { shown: items.slice(0, MAX_LISTED), more: Math.max(0, items.length - MAX_LISTED) };
}

function slackList(title: string, lines: readonly string[], more: number): Record<string, unknown> {
  const tail = more > 0 ? [`…and ${more} more`] : [];
  const text = [`*${title}*`, ...lines, ...tail].join('\n').slice(0, 3000);
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function teamsFacts(
  title: string,
  facts: readonly [string, string][],
  more: number,
): CardElement[] {
  const rows = [...facts, ...(more > 0 ? [['…', `and ${more} more`] as [string, string]] : [])];
  return [
    { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true, spacing: 'Medium' },
    { type: 'FactSet', facts: rows.map(([t, value]) => ({ title: t, value })) },
  ];
}

/**
 * The post-cycle summary for the admin channel (Slack Block Kit) and for a Teams Workflows
 * webhook (an Adaptive Card 1.4 message: Workflows rejects newer card versions in some tenants).
 */
export function composeAdminSummary(input: AdminSummaryInput): AdminSummary {
  const title = `Patchbay reminders · cycle ${input.cycle}`;
  const heldBack = input.heldBack ?? 0;
  const totals =
    `${input.sent} sent, ${input.failed.length} failed, ${input.skipped} skipped` +
    (heldBack > 0 ? `, ${heldBack} held back (control group)` : '');
  const products = [...input.overdueByProduct].sort((a, b) => b.hosts - a.hosts);
  const escalations = [...input.escalations].sort((a, b) => b.maxDaysOverdue - a.maxDaysOverdue);
  const p = capped(products);
  const e = capped(escalations);
  const f = capped(input.failed);
  const who = (x: (typeof escalations)[number]): string =>
    x.slackUserId && SLACK_USER_ID.test(x.slackUserId)
      ? `<@${x.slackUserId}>`
      : escapeMrkdwn(x.email);
  const overdue = (days: number): string => `${plural(days, 'day')} overdue`;

  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: title } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Sent*\n${input.sent}` },
        { type: 'mrkdwn', text: `*Failed*\n${input.failed.length}` },
        { type: 'mrkdwn', text: `*Skipped*\n${input.skipped}` },
        ...(heldBack > 0
          ? [{ type: 'mrkdwn', text: `*Held back (control group)*\n${heldBack}` }]
          : []),
      ],
    },
  ];
  const body: CardElement[] = [
    { type: 'TextBlock', text: title, size: 'Large', weight: 'Bolder', wrap: true },
    {
      type: 'FactSet',
      facts: [
        { title: 'Sent', value: String(input.sent) },
        { title: 'Failed', value: String(input.failed.length) },
        { title: 'Skipped', value: String(input.skipped) },
        ...(heldBack > 0 ? [{ title: 'Held back (control group)', value: String(heldBack) }] : []),
      ],
    },
  ];
  if (products.length > 0) {
    const lines = p.shown.map(
      (x) => `• ${escapeMrkdwn(x.productName)}: ${plural(x.hosts, 'host')}`,
    );
    blocks.push(slackList('Overdue by product', lines, p.more));
    const facts = p.shown.map((x): [string, string] => [x.productName, plural(x.hosts, 'host')]);
    body.push(...teamsFacts('Overdue by product', facts, p.more));
  }
  if (escalations.length > 0) {
    blocks.push(
      slackList(
        'Escalations',
        e.shown.map((x) => `• ${who(x)}: ${overdue(x.maxDaysOverdue)}`),
        e.more,
      ),
    );
    const facts = e.shown.map((x): [string, string] => [x.email, overdue(x.maxDaysOverdue)]);
    body.push(...teamsFacts('Escalations', facts, e.more));
  }
  if (input.failed.length > 0) {
    const lines = f.shown.map((x) => `• ${escapeMrkdwn(x.email)}: \`${escapeMrkdwn(x.error)}\``);
    blocks.push(slackList('Delivery failures', lines, f.more));
    body.push(
      ...teamsFacts(
        'Delivery failures',
        f.shown.map((x) => [x.email, x.error]),
        f.more,
      ),
    );
  }
  const text = escapeMrkdwn(`${title}: ${totals}; ${plural(escalations.length, 'escalation')}.`);
  return {
    slack: { text, blocks },
    teams: {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body,
          },
        },
      ],
    },
  };
}
