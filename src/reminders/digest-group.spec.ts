import { describe, expect, it } from 'vitest';
import { finding } from './__fixtures__/findings.js';
import { groupUpdates, perPlatform, whereText } from './digest-group.js';
import type { DigestMachine } from './model.js';

const mac = (id: string, items = [finding({ hostId: id })], platform = 'macos'): DigestMachine => ({
  hostId: id,
  name: id,
  serial: null,
  platform,
  items,
});

describe('groupUpdates', () => {
  it.each<[string, DigestMachine[], [string, string, number][]]>([
    [
      'one update on three Macs is one group',
      [mac('a'), mac('b'), mac('c')],
      [['chrome', 'macos', 3]],
    ],
    [
      'Windows and Mac apart',
      [mac('a'), mac('w', undefined, 'windows')],
      [
        ['chrome', 'macos', 1],
        ['chrome', 'windows', 1],
      ],
    ],
    [
      'another target version apart',
      [mac('a'), mac('b', [finding({ hostId: 'b', required: '132.0' })])],
      [
        ['chrome', 'macos', 1],
        ['chrome', 'macos', 1],
      ],
    ],
    [
      'overdue first, whatever the input order',
      [
        mac('a', [finding({ hostId: 'a', product: 'zoom', productName: 'Zoom' })]),
        mac('b', [finding({ hostId: 'b', status: 'overdue', daysOverdue: 2 })]),
      ],
      [
        ['chrome', 'macos', 1],
        ['zoom', 'macos', 1],
      ],
    ],
  ])('%s', (_name, machines, groups) => {
    expect(groupUpdates(machines).map((g) => [g.product, g.platform, g.machines.length])).toEqual(
      groups,
    );
  });

  it('the group stands for its most urgent finding', () => {
    const late = finding({ hostId: 'b', deadline: '2026-12-01T00:00:00Z' });
    const soon = finding({ hostId: 'a', deadline: '2026-11-28T00:00:00Z' });
    const [g] = groupUpdates([mac('b', [late]), mac('a', [soon])]);
    expect(g?.lead.hostId).toBe('a');
  });
});

describe('whereText', () => {
  const label = (m: DigestMachine): string => m.name ?? m.hostId;
  it.each<[number, number, string]>([
    [1, 1, ''],
    [1, 2, 'on m0'],
    [3, 3, 'on 3 computers: m0, m1, m2'],
    [7, 7, 'on 7 computers: m0, m1, m2 +4 more'],
  ])('%d of %d computers: "%s"', (n, total, text) => {
    const [g] = groupUpdates(Array.from({ length: n }, (_, i) => mac(`m${i}`)));
    expect(g && whereText(g, label, total)).toBe(text);
  });
});

describe('perPlatform', () => {
  const table = { chrome: 'all', 'chrome.windows': 'win' };
  it.each<[string, string | undefined, string | undefined]>([
    ['chrome', 'windows', 'win'],
    ['chrome', 'macos', 'all'],
    ['chrome', undefined, 'all'],
    ['zoom', 'windows', undefined],
  ])('%s on %s', (product, platform, value) => {
    expect(perPlatform(table, product, platform)).toBe(value);
  });
});
