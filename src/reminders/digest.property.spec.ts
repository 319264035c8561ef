import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../compliance/model.js';
import { ACTION_REF_PATTERN, actionIdOf } from './actions.js';
import { blockKitViolations, SLACK_LIMITS } from './block-kit.js';
import { composeDigest } from './digest.js';
import type { DigestInput, DigestMachine } from './model.js';

const now = new Date('2026-11-27T10:00:00Z');

// Outside text at its worst: any UTF-16 (lone surrogates included), control and bidi characters,
// markup characters, and sometimes very long.
const nasty = (maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({
      unit: fc.constantFrom('&', '<', '>', '*', '\n', '\u001b', '\u202e', '\u0000', 'é', '🍎', 'x'),
      maxLength,
    }),
    fc.string({ minLength: maxLength, maxLength }),
  );

const findingArb = (hostId: string): fc.Arbitrary<Finding> =>
  fc.record({
    hostId: fc.constant(hostId),
    product: fc.string({ minLength: 1, maxLength: 200 }),
    productName: nasty(600),
    track: fc.option(fc.string({ maxLength: 10 })),
    status: fc.constantFrom('overdue', 'pending', 'unsupported'),
    installed: nasty(300),
    required: fc.option(nasty(300)),
    requiredReleasedAt: fc.constant(null),
    deadline: fc.option(
      fc
        .date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    ),
    daysOverdue: fc.nat(2000),
    exploitedCves: fc.array(nasty(60), { maxLength: 8 }),
    cveCount: fc.nat(5000),
    reason: nasty(800),
  });

const machineArb: fc.Arbitrary<DigestMachine> = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 300 })
  .chain((hostId) =>
    fc.record({
      hostId: fc.constant(hostId),
      name: fc.option(nasty(3000)),
      serial: fc.option(nasty(300)),
      platform: fc.constantFrom('macos', 'windows', undefined),
      items: fc.array(findingArb(hostId), { minLength: 1, maxLength: 80 }),
    }),
  )
  .map(({ platform, ...m }) => (platform === undefined ? m : { ...m, platform }));

const inputArb: fc.Arbitrary<DigestInput> = fc.record({
  person: fc.record({
    email: fc.emailAddress(),
    name: fc.option(fc.string()),
    slackUserId: fc.constant('U1'),
    tz: fc.option(fc.constantFrom('Europe/Paris', 'Pacific/Kiritimati', 'Nowhere/Land', '')),
  }),
  idempotencyKey: fc.string({ minLength: 1, maxLength: 400 }),
  cycle: fc.oneof(fc.constantFrom('2026-W48', '2026-11-27'), nasty(500)),
  machines: fc.uniqueArray(machineArb, { maxLength: 40, selector: (m) => m.hostId }),
  howToUpdate: fc.dictionary(
    fc.string({ maxLength: 20 }),
    fc.oneof(
      fc.webUrl(),
      nasty(100),
      fc.string({ minLength: 3000, maxLength: 3000 }).map((s) => `https://x/${s}`),
    ),
  ),
  snoozeDays: fc.array(fc.oneof(fc.integer({ min: -5, max: 400 }), fc.double()), {
    maxLength: 40,
  }),
  now: fc.constant(now),
});

type Button = { type: string; action_id: string; value: string };
const buttonsOf = (blocks: readonly Record<string, unknown>[]): Button[] =>
  blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b as unknown as { elements: Button[] }).elements);

describe('composeDigest on random inventories', () => {
  it('always stays within every Block Kit limit', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const msg = composeDigest(input);
        expect(blockKitViolations(msg)).toEqual([]);
        expect(msg.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
      }),
      { numRuns: 80 },
    );
  });

  it('gives every button a short reference to the action it shows', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const msg = composeDigest(input);
        const buttons = buttonsOf(msg.blocks);
        expect(buttons.map((b) => b.value)).toEqual(msg.actions.map((a) => a.ref));
        expect(new Set(buttons.map((b) => b.value)).size).toBe(buttons.length);
        buttons.forEach((b, i) => {
          expect(b.value).toMatch(ACTION_REF_PATTERN);
          const stored = msg.actions[i]?.action;
          expect(stored && actionIdOf(stored)).toBe(b.action_id);
        });
        // Every machine shown has its "I updated" button; the rest are folded into one section.
        const shown = Math.min(input.machines.length, input.machines.length > 24 ? 23 : 24);
        expect(buttons.filter((b) => b.action_id === 'patchbay_updated')).toHaveLength(shown);
      }),
      { numRuns: 50 },
    );
  });
});
