import { describe, expect, it } from 'vitest';
import { bindBySerial, type IdentityClaim, type SerialBinding } from './host-identity.js';
import { resolveOwner } from './owners.js';
import { buildOptionTable } from '../platform/config/option-table.js';

const SERIAL = 'C02VICTIM001';
const UUID = '4AB2906D-5516-5794-AF54-86D1D7F533F3';
const OTHER = '11111111-2222-3333-4444-555555555555';

const row = (
  source: string,
  hardwareUuid: string | null,
  over: Partial<IdentityClaim> = {},
): IdentityClaim => ({
  source,
  sourceId: `${source}-1`,
  serial: SERIAL,
  hardwareUuid,
  ...over,
});
const node = (uuid: string | null): IdentityClaim => row('osquery', uuid, { sourceId: 'node-2' });

describe('bindBySerial', () => {
  it.each<[string, IdentityClaim, IdentityClaim[], SerialBinding]>([
    // The attack: a node claims a serial Jamf knows by another hardware UUID.
    ['a node whose UUID differs from Jamf’s', node(OTHER), [row('jamf', UUID)], 'keep-apart'],
    ['a node reporting no UUID', node(null), [row('jamf', UUID)], 'keep-apart'],
    ['a node where the MDM reports no UUID', node(UUID), [row('fleet', null)], 'keep-apart'],
    [
      'a node against two sources, one disagreeing',
      node(UUID),
      [row('jamf', UUID), row('fleet', OTHER)],
      'keep-apart',
    ],
    [
      'a node against another node of the same serial',
      node(OTHER),
      [row('osquery', UUID)],
      'keep-apart',
    ],
    // Confirmed: the same machine.
    ['a node whose UUID matches Jamf’s', node(UUID), [row('jamf', UUID)], 'merge'],
    [
      'a node matching in another letter case',
      node(UUID.toLowerCase()),
      [row('fleet', UUID)],
      'merge',
    ],
    [
      'a node matching Jamf, the file source silent',
      node(UUID),
      [row('jamf', UUID), row('file', null)],
      'merge',
    ],
    // Nothing to contradict.
    ['a node whose serial nobody else reports', node(OTHER), [], 'merge'],
    [
      'a node against rows that report another serial',
      node(OTHER),
      [row('jamf', UUID, { serial: 'C02OTHER' })],
      'merge',
    ],
    ['a node against its own stored row', node(OTHER), [node(UUID)], 'merge'],
    // Trusted sources vouch for each other as before.
    ['Jamf joining Fleet whatever the UUIDs', row('jamf', OTHER), [row('fleet', UUID)], 'merge'],
    [
      'Jamf joining a host Fleet and a node share',
      row('jamf', null),
      [row('fleet', UUID), node(OTHER)],
      'merge',
    ],
    // A node claimed the serial before an MDM knew the Mac.
    [
      'Jamf finding the serial held by a node with another UUID',
      row('jamf', UUID),
      [node(OTHER)],
      'evict-holder',
    ],
    [
      'Jamf finding the serial held by a node without a UUID',
      row('jamf', UUID),
      [node(null)],
      'evict-holder',
    ],
    ['a file row without a UUID against a node', row('file', null), [node(UUID)], 'evict-holder'],
    [
      'Jamf finding the serial held by a node with its UUID',
      row('jamf', UUID),
      [node(UUID)],
      'merge',
    ],
  ])('%s', (_, claim, holder, expected) => {
    expect(bindBySerial(claim, holder)).toBe(expected);
  });
});

describe('owner precedence against osquery', () => {
  const jamf = { source: 'jamf', owner: { email: 'victim@example.com', name: 'Victim' } };
  const fleet = { source: 'fleet', owner: { email: 'victim@example.com', name: null } };
  const file = { source: 'file', owner: { email: 'victim@example.com', name: null } };
  const osquery = { source: 'osquery', owner: { email: 'attacker@example.com', name: null } };
  // The shipped default, read from the option table rather than restated.
  const defaults = buildOptionTable(new Map(), 'custom').find(
    (o) => o.key === 'inventory.ownerPrecedence',
  )?.default as string[];

  it.each([
    ['the default precedence, against Jamf', defaults, [osquery, jamf], 'jamf'],
    ['the default precedence, against Fleet', defaults, [osquery, fleet], 'fleet'],
    ['a list without osquery, against an unlisted Fleet', ['jamf'], [osquery, fleet], 'fleet'],
    ['an empty list, against the file', [], [osquery, file], 'file'],
    ['an empty list, alone', [], [osquery], 'osquery'],
    [
      'a list that puts osquery first (the admin’s choice)',
      ['osquery', 'jamf'],
      [jamf, osquery],
      'osquery',
    ],
  ])('%s', (_, precedence, candidates, source) => {
    expect(resolveOwner(candidates, precedence)?.source).toBe(source);
  });
});
