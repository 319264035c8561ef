/**
 * Text and attribute safety for chart markup. Labels come from vendor feeds and inventory
 * (product names, hostnames, people): they are data, never markup.
 */

// XML 1.0 forbids most C0 controls, U+FFFE/U+FFFF and lone surrogates; one such character
// from a feed would make the whole SVG unparsable, so they are dropped, not escaped.
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Shortens a label to at most `max` characters (code points, so an emoji is never cut in
 * half), ending with an ellipsis when cut. Returns the raw text: escape it when writing.
 */
export function truncateLabel(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length <= max) return chars.join('');
  return `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** Number of code points, the unit the layout estimates text width in. */
export function labelLength(text: string): number {
  return Array.from(text).length;
}

// Hex, rgb()/hsl() with plain numbers, or a bare keyword: enough for every palette we would
// pass, and nothing that can close the attribute or smuggle url(...) references.
const SAFE_COLOR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|(rgb|rgba|hsl|hsla)\([0-9.,%\s]+\))$/i;

/** Returns `color` when it is a plain CSS colour, otherwise `fallback`. */
export function safeColor(color: string | undefined, fallback: string): string {
  return color !== undefined && SAFE_COLOR.test(color.trim()) ? color.trim() : fallback;
}

/** Rounds a coordinate to two decimals so the markup stays short and stable across runs. */
export function px(n: number): string {
  return String(Math.round(n * 100) / 100);
}
