import { describe, expect, it } from 'vitest';
import type { Finding } from '../compliance/model.js';
import { ACTION_REF_PATTERN } from './actions.js';
import { finding } from './__fixtures__/findings.js';
import { blockKitViolations } from './block-kit.js';
import { composeDigest, SLACK_LIMITS } from './digest.js';
import type { DigestInput, DigestMachine } from './model.js';

const now = new Date('2026-11-27T10:00:00Z');
const inDays = (d: number): string => new Date(now.getTime() + d * 86_400_000).toISOString();

const chromeOverdue = finding({
  status: 'overdue',
  deadline: inDays(-3),
  daysOverdue: 3,
  exploitedCves: ['CVE-2026-1234'],
  cveCount: 2,
});
const macosPending = finding({
  product: 'macos',
  productName: 'macOS',
  installed: '15.1',
  required: '15.1.1',
  deadline: inDays(5),
});

const machine = (items: Finding[], over: Partial<DigestMachine> = {}): DigestMachine => ({
  hostId: 'h1',
  name: 'Ada’s MacBook Pro',
  serial: 'C02ABC123',
  items,
  ...over,
});

function input(machines: DigestMachine[], over: Partial<DigestInput> = {}): DigestInput {
  return {
    person: { email: 'ada@example.com', name: 'Ada', slackUserId: 'U1', tz: 'UTC' },
    idempotencyKey: 'ada@example.com|2026-W48',
    cycle: '2026-W48',
    machines,
    howToUpdate: { chrome: 'https://it.example.com/chrome' },
    snoozeDays: [1, 3, 7],
    now,
    ...over,
  };
}

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Button[] };
type Button = {
  type: string;
  text: { text: string };
  action_id: string;
  value: string;
  style?: string;
};
const blocksOf = (i: DigestInput): Block[] => composeDigest(i).blocks as Block[];
const buttons = (i: DigestInput, n = 0): Button[] =>
  blocksOf(i).filter((b) => b.type === 'actions')[n]?.elements ?? [];

describe('composeDigest', () => {
  it('lays out header, machine section, buttons and context', () => {
    const blocks = blocksOf(input([machine([macosPending, chromeOverdue])]));
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'actions', 'context']);
    expect(blocks[0]?.text?.text).toBe('Updates needed on your Mac');
    expect(blocks[1]?.text?.text).toBe(
      [
        '*Ada’s MacBook Pro (C02ABC123)*',
        '• *Google Chrome* 131.0.6778.69 → 131.0.6778.85 · 3 days overdue · :rotating_light: fixes an actively exploited vulnerability (CVE-2026-1234) · 2 CVEs fixed · <https://it.example.com/chrome|How to update>',
        '• *macOS* 15.1 → 15.1.1 · due in 5 days (Wed 2 Dec)',
      ].join('\n'),
    );
    const context = blocks[3] as unknown as { elements: { type: string; text: string }[] };
    expect(context.elements[0]?.type).toBe('mrkdwn');
    // The cycle id is Patchbay's bookkeeping, not something a person can act on.
    expect(context.elements[0]?.text).not.toMatch(/cycle|2026-W48/);
  });

  it.each<[string, Finding[], number[], string[]]>([
    [
      'pending 5 days out: snoozes that end before the deadline',
      [macosPending],
      [1, 3, 7],
      ['Snooze macOS 1 day', 'Snooze macOS 3 days', 'I updated'],
    ],
    [
      'the earliest pending deadline bounds the snooze',
      [macosPending, finding({ deadline: inDays(2) })],
      [1, 3, 7],
      ['Snooze Google Chrome and macOS 1 day', 'I updated'],
    ],
    ['only overdue: no snooze', [chromeOverdue], [1, 3, 7], ['I updated']],
    [
      'only upgrade required: no snooze',
      [finding({ status: 'unsupported', deadline: null })],
      [1, 3, 7],
      ['I updated'],
    ],
    [
      'duplicate and unsorted choices',
      [finding({ deadline: inDays(30) })],
      [7, 1, 7],
      ['Snooze Google Chrome 1 day', 'Snooze Google Chrome 7 days', 'I updated'],
    ],
    [
      'a snooze ending exactly at the deadline is allowed',
      [finding({ deadline: inDays(3) })],
      [3],
      ['Snooze Google Chrome 3 days', 'I updated'],
    ],
    [
      'an overdue item beside a pending one: the snooze names only the pending one',
      [chromeOverdue, macosPending],
      [3],
      ['Snooze macOS 3 days', 'I updated'],
    ],
    [
      'three pending products: the snooze counts them',
      [
        macosPending,
        finding({ deadline: inDays(9) }),
        finding({ product: 'zoom', productName: 'Zoom', deadline: inDays(9) }),
      ],
      [3],
      ['Snooze 3 updates 3 days', 'I updated'],
    ],
  ])('%s', (_name, items, snoozeDays, labels) => {
    expect(buttons(input([machine(items)], { snoozeDays })).map((b) => b.text.text)).toEqual(
      labels,
    );
  });

  it('snoozes only the pending products; each value is the short reference of its stored action', () => {
    const msg = composeDigest(input([machine([chromeOverdue, macosPending])]));
    const els = (msg.blocks as Block[]).find((b) => b.type === 'actions')?.elements ?? [];
    for (const b of els) expect(b.value).toMatch(ACTION_REF_PATTERN);
    expect(msg.actions.map((a) => a.ref)).toEqual(els.map((b) => b.value));
    expect(msg.actions.map((a) => a.action)).toEqual([
      { kind: 'snooze', hostId: 'h1', products: ['macos'], days: 1, cycle: '2026-W48' },
      { kind: 'snooze', hostId: 'h1', products: ['macos'], days: 3, cycle: '2026-W48' },
      { kind: 'updated', hostId: 'h1', cycle: '2026-W48' },
    ]);
    expect(els.at(-1)?.style).toBe('primary');
  });

  it('puts the most urgent update and machine first, naming each machine on its buttons, with unique block ids', () => {
    const calm = machine([macosPending], { hostId: 'h2', name: 'Mac mini', serial: null });
    const urgent = machine([chromeOverdue], { hostId: 'h3', name: null, serial: 'C02ZZZ' });
    const blocks = blocksOf(input([calm, urgent]));
    expect(blocks[0]?.text?.text).toBe('Updates needed on your 2 computers');
    const lines = blocks
      .filter((b) => b.type === 'section')
      .flatMap((b) => b.text?.text.split('\n'));
    expect(lines.map((l) => /^• \*([^*]+)\*.* on ([^·]+?) ·/.exec(l ?? '')?.slice(1))).toEqual([
      ['Google Chrome', 'C02ZZZ'],
      ['macOS', 'Mac mini'],
    ]);
    const rows = blocks
      .filter((b) => b.type === 'actions')
      .map((b) => b.elements?.map((e) => e.text.text));
    expect(rows).toEqual([
      ['I updated · C02ZZZ'],
      ['Snooze macOS 1 day · Mac mini', 'Snooze macOS 3 days · Mac mini', 'I updated · Mac mini'],
    ]);
    const ids = blocks.flatMap((b) => (b.block_id ? [b.block_id] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes the same update on 7 computers as one line naming them compactly', () => {
    const macs = Array.from({ length: 7 }, (_, i) =>
      machine(
        [
          finding({
            hostId: `h${i}`,
            status: 'overdue',
            deadline: inDays(-2),
            daysOverdue: 2 - (i % 2),
          }),
        ],
        {
          hostId: `h${i}`,
          name: `Ada-Mac-${i + 1}`,
          serial: null,
          platform: 'macos',
        },
      ),
    );
    const msg = composeDigest(input(macs));
    const sections = (msg.blocks as Block[]).filter((b) => b.type === 'section');
    expect(sections.map((b) => b.text?.text)).toEqual([
      '• *Google Chrome* 131.0.6778.69 → 131.0.6778.85 on 7 computers: Ada-Mac-1, Ada-Mac-3, Ada-Mac-5 +4 more · 2 days overdue · <https://it.example.com/chrome|How to update>',
    ]);
    expect(msg.text.split('\n')).toHaveLength(2);
    expect((msg.blocks as Block[]).filter((b) => b.type === 'actions')).toHaveLength(7);
    expect(blockKitViolations(msg)).toEqual([]);
  });

  it('keeps Windows and Mac apart, each with its own how-to link and note', () => {
    const mac = machine([finding({ hostId: 'm' })], {
      hostId: 'm',
      name: 'Mac',
      platform: 'macos',
    });
    const pc = machine([finding({ hostId: 'w' })], {
      hostId: 'w',
      name: 'PC',
      platform: 'windows',
    });
    const msg = composeDigest(
      input([mac, pc], {
        howToUpdate: {
          chrome: 'https://it.example.com/chrome-mac',
          'chrome.windows': 'https://it.example.com/chrome-win',
        },
        notes: {
          chrome: 'restart Chrome, 2 minutes',
          'chrome.windows': 'Software Center, no restart',
        },
      }),
    );
    const lines = (msg.blocks as Block[])
      .filter((b) => b.type === 'section')
      .flatMap((b) => b.text?.text.split('\n'));
    expect(lines).toEqual([
      '• *Google Chrome* 131.0.6778.69 → 131.0.6778.85 on Mac · due in 5 days (Wed 2 Dec) · _restart Chrome, 2 minutes_ · <https://it.example.com/chrome-mac|How to update>',
      '• *Google Chrome* 131.0.6778.69 → 131.0.6778.85 on PC · due in 5 days (Wed 2 Dec) · _Software Center, no restart_ · <https://it.example.com/chrome-win|How to update>',
    ]);
  });

  it('tells apart installed versions of one update, and says how many past two', () => {
    const ms = ['1.0', '1.1', '1.2'].map((v, i) =>
      machine([finding({ hostId: `h${i}`, installed: v })], { hostId: `h${i}`, name: `M${i}` }),
    );
    const text = (n: number): string | undefined =>
      (composeDigest(input(ms.slice(0, n))).blocks as Block[])[1]?.text?.text;
    expect(text(2)).toMatch(
      /^• \*Google Chrome\* 1\.0, 1\.1 → 131\.0\.6778\.85 on 2 computers: M0, M1 ·/,
    );
    expect(text(3)).toMatch(/^• \*Google Chrome\* 3 versions → 131\.0\.6778\.85 on 3 computers/);
  });

  it('says computer, not Mac, when nothing shows it is a Mac', () => {
    expect(blocksOf(input([machine([chromeOverdue])]))[0]?.text?.text).toBe(
      'Updates needed on your computer',
    );
  });

  it.each([
    ['macos', 'Updates needed on your Mac'],
    ['windows', 'Updates needed on your computer'],
  ])('names a %s machine from its inventory platform', (platform, title) => {
    expect(blocksOf(input([machine([chromeOverdue], { platform })]))[0]?.text?.text).toBe(title);
  });

  it.each([47, 48, 60])('stays within 50 blocks with %d machines', (n) => {
    const machines = Array.from({ length: n }, (_, i) =>
      machine([finding({ hostId: `h${i}`, deadline: inDays(10 + i) })], {
        hostId: `h${i}`,
        name: `Mac ${i}`,
      }),
    );
    const blocks = blocksOf(input(machines));
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    const more = blocks.find((b) => b.block_id === 'patchbay_more');
    // header, one section of update lines, a row per machine, context: 47 machines fit.
    if (n <= 47) expect(more).toBeUndefined();
    else
      expect(more?.text?.text).toMatch(
        new RegExp(
          `^\\*…and ${n - 46} more computers\\* \\(no room for their buttons\\)\\n• Mac 46: 1 due soon`,
        ),
      );
  });

  it.each([
    [40, 0],
    [400, 286],
  ])(
    'spreads %d updates over sections under 3000 characters, counting what it left out',
    (n, left) => {
      const items = Array.from({ length: n }, (_, i) =>
        finding({
          product: `p${i}`,
          productName: `Product ${'x'.repeat(80)} ${i}`,
          deadline: inDays(10),
        }),
      );
      const msg = composeDigest(input([machine(items)]));
      const sections = (msg.blocks as Block[]).filter((b) => b.type === 'section');
      for (const b of sections)
        expect(b.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      const lines = sections.flatMap((b) => b.text?.text.split('\n') ?? []);
      expect(lines.filter((l) => l.startsWith('• '))).toHaveLength(n - left);
      if (left > 0) expect(lines.at(-1)).toBe(`…and ${left} more updates`);
      expect(blockKitViolations(msg)).toEqual([]);
    },
  );

  it('keeps every button value short for a host with 80 pending products (was 2,465 characters)', () => {
    // Homebrew-style product ids of a well-stocked developer Mac.
    const products = Array.from({ length: 80 }, (_, i) => `homebrew-cask-product-${i}-xx`);
    const items = products.map((product) =>
      finding({ product, productName: product, deadline: inDays(20) }),
    );
    const msg = composeDigest(input([machine(items, { hostId: 'h-042' })]));
    // What the snooze button's value used to be: the whole action as JSON.
    const snooze = msg.actions.find((a) => a.action.kind === 'snooze');
    expect(JSON.stringify(snooze?.action).length).toBe(2465);
    const values = (msg.blocks as Block[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? [])
      .map((e) => e.value);
    expect(values.length).toBe(4);
    for (const v of values) expect(v.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    const snoozed = snooze?.action.kind === 'snooze' ? [...snooze.action.products] : [];
    expect(snoozed.sort()).toEqual([...products].sort());
    expect(blockKitViolations(msg)).toEqual([]);
  });

  it('keeps inventory text on one line: newlines, ESC and bidi overrides become spaces', () => {
    const name = 'Ada\n*Fake line*\u001b[31m\u202eevil';
    const msg = composeDigest(input([machine([chromeOverdue], { name, serial: null })]));
    const section = (msg.blocks[1] as Block).text?.text ?? '';
    expect(section.split('\n')[0]).toBe('*Ada *Fake line* [31m evil*');
    expect(msg.text).not.toContain('\u001b');
    expect(msg.text).not.toContain('\u202e');
  });

  it('escapes names and writes a fallback text and metadata', () => {
    const msg = composeDigest(
      input([machine([chromeOverdue, macosPending], { name: 'R&D <lab>' })]),
    );
    expect((msg.blocks[1] as Block).text?.text).toMatch(/^\*R&amp;D &lt;lab&gt; \(C02ABC123\)\*/);
    expect(msg.text).toBe(
      'Updates needed on your Mac (1 overdue, 1 due soon).\n' +
        'R&amp;D &lt;lab&gt; (C02ABC123): Google Chrome 131.0.6778.69 → 131.0.6778.85 · 3 days overdue · fixes an actively exploited vulnerability (CVE-2026-1234) · 2 CVEs fixed; macOS 15.1 → 15.1.1 · due in 5 days (Wed 2 Dec).',
    );
    expect(msg.metadata).toEqual({
      event_type: 'patchbay_digest',
      event_payload: {
        key: 'ada@example.com|2026-W48',
        person: 'ada@example.com',
        cycle: '2026-W48',
      },
    });
  });

  it('writes dates in the person’s zone, and in UTC when it is unknown', () => {
    const late = finding({ deadline: '2026-12-01T23:30:00Z' });
    const text = (tz: string | null): string =>
      composeDigest(
        input([machine([late])], { person: { email: 'a@x', name: null, slackUserId: null, tz } }),
      ).text;
    expect(text('Asia/Tokyo')).toContain('due in 5 days (Wed 2 Dec)');
    expect(text('Nowhere/Land')).toContain('due in 4 days (Tue 1 Dec)');
  });
});
