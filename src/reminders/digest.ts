import type { Finding } from '../compliance/model.js';
import { actionIdOf, digestAction } from './actions.js';
import { SLACK_LIMITS } from './block-kit.js';
import { groupUpdates, perPlatform, whereText, type UpdateGroup } from './digest-group.js';
import {
  byUrgency,
  escapeMrkdwn,
  itemMrkdwn,
  itemText,
  oneLine,
  plural,
  type ItemExtras,
} from './digest-text.js';
import type {
  ButtonAction,
  DigestAction,
  DigestInput,
  DigestMachine,
  DigestMessage,
} from './model.js';
import { resolveTimeZone } from './zoned-time.js';

export { SLACK_LIMITS } from './block-kit.js';

// Slack accepts up to 40,000 characters of `text` but recommends under 4,000 for notifications.
const FALLBACK_MAX = 4000;
const DAY_MS = 86_400_000;
/** The longest snooze a button may offer (actions.ts refuses longer ones in a click). */
const MAX_SNOOZE_DAYS = 90;
/** A "how to update" URL longer than this is left out rather than crowd out the items. */
const MAX_LINK = 1000;
/** A product note (`reminders.notes`) is a hint, not a manual: longer ones are cut. */
const MAX_NOTE = 200;

type Block = Record<string, unknown>;

/**
 * Names, versions and reasons come from inventory and feeds: one line each (no control or bidi
 * characters) and short enough that any one of them cannot crowd a section past Slack's limit.
 */
function cleanMachine(m: DigestMachine): DigestMachine {
  return {
    ...m,
    name: m.name === null ? null : oneLine(m.name, 200),
    serial: m.serial === null ? null : oneLine(m.serial, 100),
    items: m.items.map((f) => ({
      ...f,
      productName: oneLine(f.productName, 200),
      installed: oneLine(f.installed, 100),
      required: f.required === null ? null : oneLine(f.required, 100),
      reason: oneLine(f.reason, 300),
      exploitedCves: f.exploitedCves.map((c) => oneLine(c, 40)),
    })),
  };
}

const machineLabel = (m: DigestMachine): string => m.name ?? m.serial ?? oneLine(m.hostId, 100);
const machineTitle = (m: DigestMachine): string =>
  m.serial && m.name ? `${m.name} (${m.serial})` : machineLabel(m);

/** The head and as many lines as fit in `max` characters, then "…and N more <unit>s". */
function fitLines(head: string, lines: readonly string[], max: number, unit: string): string {
  let text = head;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1;
    const tail = rest > 0 ? `\n…and ${plural(rest, `more ${unit}`)}` : '';
    if (text.length + 1 + line.length + tail.length > max) {
      return `${text}\n…and ${plural(lines.length - i, `more ${unit}`)}`;
    }
    text += `\n${line}`;
  }
  return text;
}

/**
 * A button whose `value` is the short reference of its action; the action itself goes to
 * `actions`, stored server-side before the digest is sent (a value is limited to 2,000 chars).
 */
function button(
  text: string,
  action: ButtonAction,
  ctx: { key: string; actions: DigestAction[] },
  primary = false,
): Block {
  const stored = digestAction(ctx.key, action);
  ctx.actions.push(stored);
  return {
    type: 'button',
    text: { type: 'plain_text', text: oneLine(text, SLACK_LIMITS.buttonText) },
    action_id: actionIdOf(action),
    value: stored.ref,
    ...(primary ? { style: 'primary' } : {}),
  };
}

/** "Chrome", "Chrome and Zoom", "3 updates": what a snooze button snoozes, in its label. */
function snoozeWhat(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return plural(names.length, 'update');
}

/**
 * Snoozes only make sense for items still inside their grace period, and never past the earliest
 * pending deadline of the machine: a person may postpone, not skip, a deadline. The label names
 * what the button snoozes, so a machine with something overdue does not look snoozed whole.
 */
function snoozeButtons(
  m: DigestMachine,
  input: DigestInput,
  ctx: { key: string; actions: DigestAction[] },
  suffix: string,
): Block[] {
  const pending = m.items.filter((f) => f.status === 'pending' && f.deadline !== null);
  if (pending.length === 0) return [];
  const earliest = Math.min(...pending.map((f) => Date.parse(f.deadline ?? '')));
  const products = [...new Set(pending.map((f) => f.product))];
  const names = [...new Set(pending.map((f) => f.productName))];
  const days = [...new Set(input.snoozeDays)]
    .filter((d) => Number.isInteger(d) && d > 0 && d <= MAX_SNOOZE_DAYS)
    .sort((a, b) => a - b);
  return days
    .filter((d) => input.now.getTime() + d * DAY_MS <= earliest)
    .slice(0, SLACK_LIMITS.actions - 1)
    .map((d) =>
      button(
        `Snooze ${snoozeWhat(names)} ${plural(d, 'day')}${suffix}`,
        { kind: 'snooze', hostId: m.hostId, products, days: d, cycle: input.cycle },
        ctx,
      ),
    );
}

/** One machine's buttons; with several machines each label names its machine. */
function machineActions(
  m: DigestMachine,
  i: number,
  input: DigestInput,
  ctx: { key: string; actions: DigestAction[] },
  several: boolean,
): Block {
  const suffix = several ? ` · ${oneLine(machineLabel(m), 30)}` : '';
  const updated: ButtonAction = { kind: 'updated', hostId: m.hostId, cycle: input.cycle };
  return {
    type: 'actions',
    block_id: `patchbay_actions_${i}`,
    elements: [
      ...snoozeButtons(m, input, ctx, suffix),
      button(`I updated${suffix}`, updated, ctx, true),
    ],
  };
}

/** Each update as one line (mrkdwn, and plain for the fallback), naming its computers. */
function updateLines(
  machines: readonly DigestMachine[],
  input: DigestInput,
  tz: string,
): { mrkdwn: string[]; plain: string[] } {
  const groups = groupUpdates(machines);
  const howTo = (g: UpdateGroup): string | undefined => {
    const url = perPlatform(input.howToUpdate, g.product, g.platform);
    return url !== undefined && url.length <= MAX_LINK ? url : undefined;
  };
  const extras = (g: UpdateGroup): ItemExtras => {
    const note = perPlatform(input.notes, g.product, g.platform);
    const where = whereText(g, machineLabel, machines.length);
    return {
      ...(where ? { where } : {}),
      ...(note ? { note: oneLine(note, MAX_NOTE) } : {}),
    };
  };
  const shown = (g: UpdateGroup): Finding => ({ ...g.lead, installed: g.installed });
  return {
    mrkdwn: groups.map((g) => itemMrkdwn(shown(g), input.now, tz, howTo(g), extras(g))),
    plain: groups.map((g) => itemText(shown(g), input.now, tz, extras(g))),
  };
}

/**
 * Lines packed into at most `maxSections` sections of Slack's 3,000 characters; the first
 * starts with `head`, and a last one that cannot hold the rest says how many did not fit.
 */
function packSections(head: string, lines: readonly string[], maxSections: number): string[] {
  const max = SLACK_LIMITS.sectionText;
  const out: string[] = [];
  let rest = lines;
  let first = head;
  while (rest.length > 0) {
    let text = first;
    let n = 0;
    for (const line of rest) {
      const next = text ? `${text}\n${line}` : line;
      if (next.length > max) break;
      text = next;
      n++;
    }
    if (n === rest.length) return [...out, text];
    if (n === 0 || out.length + 1 >= maxSections) {
      return [...out, fitLines(first || '*More updates*', rest, max, 'update')];
    }
    out.push(text);
    rest = rest.slice(n);
    first = '';
  }
  return first ? [...out, first] : out;
}

function header(machines: readonly DigestMachine[]): string {
  if (machines.length !== 1) return `Updates needed on your ${machines.length} computers`;
  // The inventory's platform when known; else a macOS finding is the one sure sign of a Mac.
  const m = machines[0];
  const isMac = m?.platform
    ? m.platform === 'macos'
    : (m?.items.some((f) => f.product === 'macos') ?? false);
  return `Updates needed on your ${isMac ? 'Mac' : 'computer'}`;
}

function counts(items: readonly Finding[]): string {
  const n = (s: Finding['status']): number => items.filter((f) => f.status === s).length;
  const parts = [
    n('overdue') > 0 ? `${n('overdue')} overdue` : '',
    n('unsupported') > 0 ? `${n('unsupported')} upgrade required` : '',
    n('pending') > 0 ? `${n('pending')} due soon` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

function fallbackText(
  title: string,
  lines: readonly string[],
  machines: readonly DigestMachine[],
): string {
  const all = machines.flatMap((m) => m.items);
  const only = machines.length === 1 ? machines[0] : undefined;
  const body = only ? [`${machineTitle(only)}: ${lines.join('; ')}.`] : lines.map((l) => `${l}.`);
  const text = escapeMrkdwn([`${title} (${counts(all)}).`, ...body].join('\n'));
  if (text.length <= FALLBACK_MAX) return text;
  // Cut on a code point, and never through an entity such as `&amp;`.
  const cut = text
    .slice(0, FALLBACK_MAX - 1)
    .replace(/[\ud800-\udbff]$/, '')
    .replace(/&[a-z]{0,3}$/, '');
  return `${cut}…`;
}

/** Sections of update lines a digest may use; the rest of the 50 blocks go to buttons. */
const MAX_UPDATE_SECTIONS = 6;

/**
 * One person's digest for one cycle: a header, the updates (one line per update, naming the
 * computers it is needed on), a row of buttons per machine (most urgent first), a context line,
 * a plain-text fallback and the metadata that lets a resend find it. Stays inside every Block
 * Kit limit (block-kit.ts): lines fill up to 6 sections of 3,000 characters (past that "…and N
 * more updates"), machines past the room for button rows are named in one "and N more
 * computers" section, and a button's value is a short reference to its stored action.
 */
export function composeDigest(input: DigestInput): DigestMessage {
  const tz = resolveTimeZone(input.person.tz, 'UTC');
  const machines = input.machines
    .filter((m) => m.items.length > 0)
    .map(cleanMachine)
    .map((m) => ({ ...m, items: [...m.items].sort(byUrgency) }))
    .sort((a, b) => (a.items[0] && b.items[0] ? byUrgency(a.items[0], b.items[0]) : 0));
  const title = header(machines);
  const several = machines.length > 1;
  const lines = updateLines(machines, input, tz);
  const only = machines[0];
  const head = !several && only ? `*${escapeMrkdwn(machineTitle(only))}*` : '';
  const sections = packSections(head, lines.mrkdwn, MAX_UPDATE_SECTIONS);
  // header + sections + context, and one block for the folded rest when rows do not all fit.
  const room = SLACK_LIMITS.blocks - 2 - sections.length;
  const shown = machines.length <= room ? machines : machines.slice(0, room - 1);
  const rest = machines.slice(shown.length);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: oneLine(title, SLACK_LIMITS.headerText) } },
    ...sections.map((text, i) => ({
      type: 'section',
      block_id: `patchbay_updates_${i}`,
      text: { type: 'mrkdwn', text },
    })),
  ];
  const ctx = { key: input.idempotencyKey, actions: [] as DigestAction[] };
  shown.forEach((m, i) => blocks.push(machineActions(m, i, input, ctx, several)));
  if (rest.length > 0) {
    const names = rest.map((m) => `• ${escapeMrkdwn(machineLabel(m))}: ${counts(m.items)}`);
    const more = `*…and ${plural(rest.length, 'more computer')}* (no room for their buttons)`;
    blocks.push({
      type: 'section',
      block_id: 'patchbay_more',
      text: { type: 'mrkdwn', text: fitLines(more, names, SLACK_LIMITS.sectionText, 'computer') },
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: 'Patchbay · “I updated” re-checks your computer at the next inventory sync.',
      },
    ],
  });
  return {
    text: fallbackText(title, lines.plain, machines),
    blocks,
    metadata: {
      event_type: 'patchbay_digest',
      event_payload: { key: input.idempotencyKey, person: input.person.email, cycle: input.cycle },
    },
    actions: ctx.actions,
  };
}
