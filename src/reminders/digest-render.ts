/**
 * A digest's Block Kit blocks as a person would read them in Slack, in plain text for a
 * terminal: what `remind --dry-run` prints. Links show their target, entities are decoded and
 * buttons appear as `[label]` (the primary one as `[*label*]`), so an admin can check wording,
 * links and buttons before anything is sent.
 */

type Json = Record<string, unknown>;

const textOf = (o: unknown): string =>
  o && typeof o === 'object' && typeof (o as Json).text === 'string'
    ? ((o as Json).text as string)
    : '';

/** Slack mrkdwn to terminal text: `<url|label>` becomes `label <url>`, entities decoded. */
export function mrkdwnToText(s: string): string {
  return s
    .replace(/<([^|>]+)\|([^>]*)>/g, (_m, url: string, label: string) => `${label} <${url}>`)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function renderBlock(b: Json): string[] {
  const elements = Array.isArray(b.elements) ? (b.elements as Json[]) : [];
  switch (b.type) {
    case 'header':
      return [textOf(b.text).toUpperCase(), ''];
    case 'section':
      return [...mrkdwnToText(textOf(b.text)).split('\n'), ''];
    case 'actions':
      return [
        elements
          .map((e) => (e.style === 'primary' ? `[*${textOf(e.text)}*]` : `[${textOf(e.text)}]`))
          .join(' '),
        '',
      ];
    case 'context':
      return [elements.map((e) => mrkdwnToText(textOf(e))).join(' · ')];
    default:
      return [`(${String(b.type)} block)`];
  }
}

/** The whole message, each line prefixed with `│ ` so several digests read apart. */
export function renderDigest(blocks: readonly Json[]): string {
  const lines = blocks.flatMap(renderBlock);
  while (lines.at(-1) === '') lines.pop();
  return lines.map((l) => (l ? `│ ${l}` : '│')).join('\n');
}
