/**
 * Test helpers: check that chart markup is well-formed XML and pull elements out of it.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Throws with the parser's message and line when `svg` is not well-formed XML. */
export function assertWellFormed(svg: string): void {
  const result = XMLValidator.validate(svg);
  if (result !== true) throw new Error(`not well-formed: ${result.err.msg} (line ${result.err.line})`);
}

export type Node = Record<string, unknown>;

/** Parses SVG into plain objects; attributes keep their names, text is under `#text`. */
export function parseSvg(svg: string): Node {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
  });
  return parser.parse(svg) as Node;
}

/** Every element named `name`, at any depth. */
export function elements(root: unknown, name: string): Node[] {
  const found: Node[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === name && Array.isArray(value)) found.push(...(value as Node[]));
      walk(value);
    }
  };
  walk(root);
  return found;
}

/** All text content of `<text>` elements (their own text, not nested titles). */
export function texts(root: unknown): string[] {
  return elements(root, 'text').map((t) => {
    const own = t['#text'];
    return Array.isArray(own) ? own.join('') : String(own ?? '');
  });
}

/** A numeric attribute. */
export function num(node: Node, attr: string): number {
  return Number(node[attr]);
}
