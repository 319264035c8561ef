import { describe, expect, it } from 'vitest';
import { actionIdOf, BUTTON_VALUE_MAX, decodeAction, encodeAction } from './actions.js';
import type { ButtonAction } from './model.js';

const snooze: ButtonAction = {
  kind: 'snooze',
  hostId: 'h-42',
  products: ['chrome', 'firefox'],
  days: 3,
  cycle: '2026-W48',
};
const updated: ButtonAction = { kind: 'updated', hostId: 'h-42', cycle: '2026-11-26' };

describe('encodeAction / decodeAction', () => {
  it.each([
    [snooze, 'patchbay_snooze_3'],
    [updated, 'patchbay_updated'],
  ])('round-trips %j through %s', (action, actionId) => {
    expect(actionIdOf(action)).toBe(actionId);
    expect(decodeAction(actionId, encodeAction(action))).toEqual(action);
  });

  it.each([
    ['a foreign action id', 'other_snooze_3', encodeAction(snooze)],
    ['an action id that disagrees with the days', 'patchbay_snooze_7', encodeAction(snooze)],
    ['an action id that disagrees with the kind', 'patchbay_updated', encodeAction(snooze)],
    ['not JSON', 'patchbay_updated', 'h-42'],
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
    expect(decodeAction(actionId, value)).toBeNull();
  });

  it('refuses to encode past Slack’s 2000-character value limit', () => {
    const many: ButtonAction = {
      ...snooze,
      products: Array.from({ length: 100 }, (_, i) => `product-${'x'.repeat(20)}-${i}`),
    };
    expect(() => encodeAction(many)).toThrow(RangeError);
  });
});
