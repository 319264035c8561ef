import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_REF_PATTERN,
  actionIdOf,
  actionRefOf,
  BUTTON_VALUE_MAX,
  parseButtonValue,
} from './actions.js';
import type { ButtonAction } from './model.js';

const snooze: ButtonAction = {
  kind: 'snooze',
  hostId: 'h-42',
  products: ['chrome', 'firefox'],
  days: 3,
  cycle: '2026-W48',
};
const updated: ButtonAction = { kind: 'updated', hostId: 'h-42', cycle: '2026-11-26' };
const KEY = 'ada@example.com/2026-W48';

describe('actionRefOf', () => {
  it('is short, stable for one digest and distinct between buttons, people and cycles', () => {
    const ref = actionRefOf(KEY, snooze);
    expect(ref).toMatch(ACTION_REF_PATTERN);
    expect(actionRefOf(KEY, { ...snooze, products: ['other'] })).toBe(ref);
    const others = [
      actionRefOf(KEY, { ...snooze, days: 7 }),
      actionRefOf(KEY, { ...snooze, hostId: 'h-43' }),
      actionRefOf(KEY, updated),
      actionRefOf('bob@example.com/2026-W48', snooze),
      actionRefOf('ada@example.com/2026-W49', snooze),
    ];
    expect(new Set([ref, ...others]).size).toBe(6);
  });
});

describe('parseButtonValue', () => {
  it.each([
    [snooze, 'patchbay_snooze_3'],
    [updated, 'patchbay_updated'],
  ])('reads a reference to %j, and the same action written as JSON by older digests', (a, id) => {
    expect(actionIdOf(a)).toBe(id);
    const ref = actionRefOf(KEY, a);
    expect(parseButtonValue(id, ref)).toEqual({ kind: 'ref', ref });
    expect(parseButtonValue(id, JSON.stringify(a))).toEqual({ kind: 'legacy', action: a });
  });

  it.each([
    ['a foreign action id', 'other_snooze_3', JSON.stringify(snooze)],
    ['a foreign action id with a reference', 'other_snooze_3', actionRefOf(KEY, snooze)],
    ['an action id that disagrees with the days', 'patchbay_snooze_7', JSON.stringify(snooze)],
    ['an action id that disagrees with the kind', 'patchbay_updated', JSON.stringify(snooze)],
    ['not JSON nor a reference', 'patchbay_updated', 'h-42'],
    ['a reference of the wrong length', 'patchbay_updated', 'abcdefghijklmnopqrstu'],
    ['JSON null', 'patchbay_updated', 'null'],
    ['an unknown kind', 'patchbay_updated', '{"kind":"delete","hostId":"h","cycle":"2026-W48"}'],
    [
      'an extra field',
      'patchbay_updated',
      '{"kind":"updated","hostId":"h","cycle":"2026-W48","x":1}',
    ],
    ['a bad cycle', 'patchbay_updated', '{"kind":"updated","hostId":"h","cycle":"last week"}'],
    ['an empty host', 'patchbay_updated', '{"kind":"updated","hostId":"","cycle":"2026-W48"}'],
    [
      'no products',
      'patchbay_snooze_1',
      '{"kind":"snooze","hostId":"h","products":[],"days":1,"cycle":"2026-W48"}',
    ],
    [
      'fractional days',
      'patchbay_snooze_1.5',
      '{"kind":"snooze","hostId":"h","products":["a"],"days":1.5,"cycle":"2026-W48"}',
    ],
    [
      'a year-long snooze',
      'patchbay_snooze_365',
      '{"kind":"snooze","hostId":"h","products":["a"],"days":365,"cycle":"2026-W48"}',
    ],
    ['an oversized value', 'patchbay_updated', ' '.repeat(BUTTON_VALUE_MAX + 1)],
  ])('refuses %s', (_name, actionId, value) => {
    expect(parseButtonValue(actionId, value)).toBeNull();
  });

  it('never throws on any action_id and value a click can carry', () => {
    const json = fc.jsonValue().map((v) => JSON.stringify(v));
    const near = fc.record({
      kind: fc.constantFrom('snooze', 'updated', 'delete'),
      hostId: fc.string(),
      products: fc.array(fc.string()),
      days: fc.oneof(fc.integer(), fc.double()),
      cycle: fc.string(),
    });
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom('patchbay_updated', 'patchbay_snooze_3')),
        fc.oneof(
          fc.string({ unit: 'binary' }),
          json,
          near.map((v) => JSON.stringify(v)),
          fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
        ),
        (actionId, value) => {
          const out = parseButtonValue(actionId, value);
          if (out?.kind === 'legacy') expect(actionIdOf(out.action)).toBe(actionId);
        },
      ),
    );
  });
});
