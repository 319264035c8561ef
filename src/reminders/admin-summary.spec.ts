import { describe, expect, it } from 'vitest';
import { composeAdminSummary, type AdminSummaryInput } from './admin-summary.js';

const input: AdminSummaryInput = {
  cycle: '2026-W48',
  sent: 40,
  failed: [{ email: 'gone@example.com', error: 'users_not_found' }],
  skipped: 12,
  overdueByProduct: [
    { product: 'macos', productName: 'macOS', hosts: 3 },
    { product: 'chrome', productName: 'Google Chrome', hosts: 9 },
  ],
  escalations: [
    { email: 'late@example.com', slackUserId: 'U0LATE', maxDaysOverdue: 9 },
    { email: 'later@example.com', slackUserId: 'bad>id', maxDaysOverdue: 21 },
  ],
};

type Block = { type: string; text?: { text: string }; fields?: { text: string }[] };

describe('composeAdminSummary', () => {
  const { slack, teams } = composeAdminSummary(input);
  const blocks = slack.blocks as Block[];

  it('summarises in the Slack fallback text', () => {
    expect(slack.text).toBe(
      'Patchbay reminders · cycle 2026-W48: 40 sent, 1 failed, 12 skipped; 2 escalations.',
    );
  });

  it.each([
    [0, 'header', 'Patchbay reminders · cycle 2026-W48'],
    [2, 'section', '*Overdue by product*\n• Google Chrome: 9 hosts\n• macOS: 3 hosts'],
    // A Slack id becomes a mention; one that is not an id falls back to the (escaped) email.
    [
      3,
      'section',
      '*Escalations*\n• later@example.com: 21 days overdue\n• <@U0LATE>: 9 days overdue',
    ],
    [4, 'section', '*Delivery failures*\n• gone@example.com: `users_not_found`'],
  ])('Slack block %d is a %s reading %j', (i, type, text) => {
    expect(blocks[i]?.type).toBe(type);
    expect(blocks[i]?.text?.text).toBe(text);
  });

  it('shows the totals as section fields', () => {
    expect(blocks[1]?.fields?.map((f) => f.text)).toEqual([
      '*Sent*\n40',
      '*Failed*\n1',
      '*Skipped*\n12',
    ]);
  });

  it('says how many people the control group held back, in Slack and in Teams', () => {
    const held = composeAdminSummary({ ...input, heldBack: 5 });
    expect(held.slack.text).toBe(
      'Patchbay reminders · cycle 2026-W48: 40 sent, 1 failed, 12 skipped, 5 held back (control group); 2 escalations.',
    );
    expect((held.slack.blocks[1] as Block).fields?.map((f) => f.text)).toContain(
      '*Held back (control group)*\n5',
    );
    expect(JSON.stringify(held.teams)).toContain('"title":"Held back (control group)","value":"5"');
    // Off (0): nothing about a control group at all.
    expect(JSON.stringify(composeAdminSummary({ ...input, heldBack: 0 }))).not.toContain('control');
  });

  it('wraps the Teams card as a Workflows message', () => {
    expect(teams).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
          },
        },
      ],
    });
    const body = teams.attachments[0]?.content.body ?? [];
    expect(body.map((e) => e['type'])).toEqual([
      'TextBlock',
      'FactSet',
      'TextBlock',
      'FactSet',
      'TextBlock',
      'FactSet',
      'TextBlock',
      'FactSet',
    ]);
    expect(body[5]).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'later@example.com', value: '21 days overdue' },
        { title: 'late@example.com', value: '9 days overdue' },
      ],
    });
  });

  it('omits empty lists and caps long ones', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      email: `p${i}@example.com`,
      error: 'account_inactive',
    }));
    const s = composeAdminSummary({
      ...input,
      failed: many,
      overdueByProduct: [],
      escalations: [],
    });
    expect((s.slack.blocks as Block[]).map((b) => b.text?.text.split('\n')[0] ?? b.type)).toEqual([
      'Patchbay reminders · cycle 2026-W48',
      'section',
      '*Delivery failures*',
    ]);
    expect((s.slack.blocks as Block[])[2]?.text?.text).toMatch(/\n…and 5 more$/);
    const facts = (s.teams.attachments[0]?.content.body.at(-1)?.['facts'] ?? []) as unknown[];
    expect(facts).toHaveLength(26);
    expect(facts.at(-1)).toEqual({ title: '…', value: 'and 5 more' });
  });
});
