/**
 * Slack's published Block Kit limits that a digest can reach, from docs.slack.dev/reference/
 * block-kit (blocks, block elements, composition objects) and chat.postMessage. Slack answers
 * `invalid_blocks` (or truncates) past any of them, and a refused digest is a person not reminded.
 */
export const SLACK_LIMITS = {
  /** Blocks in one message. */
  blocks: 50,
  /** `text` of a section block. */
  sectionText: 3000,
  /** `text` of a header block (plain_text). */
  headerText: 150,
  /** Elements of one context block, and the text of each. */
  contextElements: 10,
  contextText: 3000,
  /** Elements of one actions block. */
  actions: 25,
  /** A button's label (plain_text), `value`, `action_id`. */
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** Any `block_id`. */
  blockId: 255,
  /** chat.postMessage `text`: Slack truncates past 40,000 characters. */
  messageText: 40_000,
} as const;

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const textOf = (o: unknown): string | null =>
  o && typeof o === 'object' ? str((o as Json).text) : null;

function checkText(out: string[], where: string, text: string | null, max: number): void {
  if (text === null) out.push(`${where}: no text`);
  else if (text.length === 0) out.push(`${where}: empty text`);
  else if (text.length > max) out.push(`${where}: ${text.length} characters, Slack allows ${max}`);
}

function checkButton(out: string[], where: string, b: Json): void {
  if (b.type !== 'button') out.push(`${where}: not a button`);
  checkText(out, `${where}.text`, textOf(b.text), SLACK_LIMITS.buttonText);
  const id = str(b.action_id) ?? '';
  if (id.length === 0 || id.length > SLACK_LIMITS.actionId) out.push(`${where}.action_id: length`);
  const value = str(b.value) ?? '';
  if (value.length > SLACK_LIMITS.buttonValue) {
    out.push(
      `${where}.value: ${value.length} characters, Slack allows ${SLACK_LIMITS.buttonValue}`,
    );
  }
}

function checkBlock(out: string[], where: string, b: Json, ids: Set<string>): void {
  const id = str(b.block_id);
  if (id !== null) {
    if (id.length === 0 || id.length > SLACK_LIMITS.blockId) out.push(`${where}.block_id: length`);
    if (ids.has(id)) out.push(`${where}.block_id: duplicate ${id}`);
    ids.add(id);
  }
  const elements = Array.isArray(b.elements) ? (b.elements as Json[]) : [];
  switch (b.type) {
    case 'header':
      checkText(out, `${where}.text`, textOf(b.text), SLACK_LIMITS.headerText);
      return;
    case 'section':
      checkText(out, `${where}.text`, textOf(b.text), SLACK_LIMITS.sectionText);
      return;
    case 'context':
      if (elements.length === 0 || elements.length > SLACK_LIMITS.contextElements) {
        out.push(`${where}.elements: ${elements.length}, Slack allows 1-10`);
      }
      elements.forEach((e, i) =>
        checkText(out, `${where}.elements[${i}]`, textOf(e), SLACK_LIMITS.contextText),
      );
      return;
    case 'actions':
      if (elements.length === 0 || elements.length > SLACK_LIMITS.actions) {
        out.push(`${where}.elements: ${elements.length}, Slack allows 1-25`);
      }
      elements.forEach((e, i) => checkButton(out, `${where}.elements[${i}]`, e));
      return;
    default:
      out.push(`${where}: unexpected block type ${String(b.type)}`);
  }
}

/**
 * Every Block Kit limit a message breaks, as readable lines (empty when Slack would take it).
 * Covers the block types a digest uses; tests assert it on every composed digest, and the cycle
 * checks it before a digest is stored so one bad digest fails alone and says why.
 */
export function blockKitViolations(message: { text: string; blocks: readonly Json[] }): string[] {
  const out: string[] = [];
  checkText(out, 'text', message.text, SLACK_LIMITS.messageText);
  if (message.blocks.length > SLACK_LIMITS.blocks) {
    out.push(`blocks: ${message.blocks.length}, Slack allows ${SLACK_LIMITS.blocks}`);
  }
  const ids = new Set<string>();
  message.blocks.forEach((b, i) => checkBlock(out, `blocks[${i}]`, b, ids));
  return out;
}
