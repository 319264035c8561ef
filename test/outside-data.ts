/**
 * Hostile outside data for the parsers' property tests (issue 9): arbitrary JSON, and the real
 * fixtures with a few fields dropped, retyped or replaced by values a broken or malicious
 * upstream could send (huge and unicode strings, control characters, deep nesting, odd numbers).
 * Mutating the real fixtures matters: arbitrary JSON rarely gets past a parser's first check,
 * a fixture with one broken field reaches every per-record path.
 */
import fc from 'fast-check';
import { isPatchbayError, type PatchbayError } from '../src/platform/errors/errors.js';

/** Enough runs to find the usual bugs, few enough that `npm test` stays quick on 2 cores. */
export const PROPERTY_RUNS = 200;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Strings outside data may carry: control characters, terminal escapes, astral and RTL text. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)) }),
  fc.constantFrom(
    '',
    ' ',
    '\u001b[2J\u001b[31mred',
    '\u202eevil',
    '\ud800',
    '💥'.repeat(50),
    '__proto__',
    'constructor',
    'NaN',
    '-1',
    '1e309',
    '99999999999999999999',
    '0001-01-01T00:00:00Z',
    '+275760-09-13T00:00:01Z',
    '&#1114112;&#x110000;&#99999999999;',
    'CVE-2024-99999999999',
  ),
  // Large enough to expose quadratic work; small enough for hundreds of runs.
  fc.constantFrom('x', '1.', ' ', '(', '9').map((unit) => unit.repeat(5_000)),
);

/** Numbers JSON can carry that a parser may not expect. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, -1, 1e308, -1e308, 2 ** 53 + 2, 1e15, 8.64e15, 253402300800),
);

/** Deep nesting, as an attacker would use to blow a recursive parser's stack. */
const deepNest: fc.Arbitrary<Json> = fc.constantFrom(100, 500).map((depth) => {
  let v: Json = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
});

/** A JSON value a record could be replaced by: any shape, hostile leaves, no deep nesting. */
export const shallowHostileJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 2, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [null], { '': '' }) },
);

/** Any JSON value, with hostile leaves and deep nesting mixed in. */
export const hostileJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 8, arbitrary: shallowHostileJson },
  { weight: 1, arbitrary: deepNest },
);

/** Every path to a value inside a JSON document (root excluded), breadth first, capped. */
function pathsOf(doc: unknown, cap = 5_000): (string | number)[][] {
  const out: (string | number)[][] = [];
  const queue: { v: unknown; path: (string | number)[] }[] = [{ v: doc, path: [] }];
  while (queue.length > 0 && out.length < cap) {
    const { v, path } = queue.shift() as { v: unknown; path: (string | number)[] };
    if (path.length > 0) out.push(path);
    if (Array.isArray(v)) v.forEach((c, i) => queue.push({ v: c, path: [...path, i] }));
    else if (v && typeof v === 'object')
      for (const [k, c] of Object.entries(v)) queue.push({ v: c, path: [...path, k] });
  }
  return out;
}

interface Mutation {
  readonly at: number;
  readonly kind: 'drop' | 'replace';
  readonly value: Json;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom<Mutation['kind']>('drop', 'replace', 'replace'),
  value: hostileJson,
});

function apply(doc: Json, mutation: Mutation): Json {
  // A copy: fast-check hands out one instance of a constant ([null], {}) every time, and a later
  // mutation writing into it would change it for every run, or make a document contain itself.
  const m = { ...mutation, value: structuredClone(mutation.value) };
  const paths = pathsOf(doc);
  if (paths.length === 0) return m.kind === 'replace' ? m.value : doc;
  const path = paths[m.at % paths.length] as (string | number)[];
  let parent = doc as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (m.kind === 'replace') parent[last] = m.value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return doc;
}

/** A real document with one to four fields dropped or replaced by hostile values. */
export function mutated(fixture: unknown): fc.Arbitrary<Json> {
  const text = JSON.stringify(fixture);
  return fc
    .array(mutation, { minLength: 1, maxLength: 4 })
    .map((ms) => ms.reduce(apply, JSON.parse(text) as Json));
}

/** Arbitrary JSON or a mutated fixture: the outside data a parser must survive. */
export function outsideData(fixture: unknown): fc.Arbitrary<Json> {
  return fc.oneof(
    { weight: 1, arbitrary: hostileJson },
    { weight: 4, arbitrary: mutated(fixture) },
  );
}

/**
 * Run `fn`; return what it returned, or the PatchbayError it threw. Anything else thrown (a
 * TypeError, a RangeError from a date, a stack overflow) fails the property with its message,
 * which is exactly the bug being hunted.
 */
export async function codedOutcome<T>(
  fn: () => T | Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: PatchbayError }> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (isPatchbayError(err)) return { ok: false, error: err };
    throw new Error(`threw an uncoded ${String((err as Error)?.name)}: ${String(err)}`, {
      cause: err,
    });
  }
}

/** The shape every collected issue must have: who, which record, which field, and why. */
export interface NamedIssue {
  readonly source: string;
  readonly record: string;
  readonly field: string;
  readonly message: string;
}

/** Why an issue fails to name its source, record and field; null when it does. */
export function issueProblem(issue: NamedIssue, source: string): string | null {
  if (issue.source !== source) return `source ${JSON.stringify(issue.source)} is not ${source}`;
  for (const key of ['record', 'field', 'message'] as const)
    if (typeof issue[key] !== 'string' || issue[key].trim() === '')
      return `${key} is empty in ${JSON.stringify(issue)}`;
  return null;
}
