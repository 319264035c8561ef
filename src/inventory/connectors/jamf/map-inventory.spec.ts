import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapClassicComputer } from './classic.js';
import { parseInventoryPage } from './map-inventory.js';
import { classicComputerSchema } from './schema.js';

/** The fields the malformed-record cases spoil, loosely typed on purpose. */
interface Rec {
  id?: unknown;
  general: { lastContactTime: unknown };
  operatingSystem: { version: unknown };
  hardware: { serialNumber: unknown };
  userAndLocation: { email: unknown };
  applications: unknown;
}

const fixture = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('parseInventoryPage on real Jamf answers', () => {
  it('maps the Jamf reference example, owner from userAndLocation and apps by bundle id', () => {
    const page = parseInventoryPage(fixture('computers-inventory.docs-example.json'), 0);
    expect(page.total).toBe(3);
    expect(page.issues).toEqual([]);
    expect(page.hosts).toEqual([
      {
        source: 'jamf',
        sourceId: '1',
        serial: 'C02ZC2QYLVDL',
        hardwareUuid: '123',
        model: 'MacBookPro9,2',
        name: 'Boalime',
        platform: 'macos',
        osVersion: '10.9.5',
        osBuild: '13A603',
        lastSeenAt: '2018-10-31T18:04:13.000Z',
        owner: { email: 'email@com.pl', name: '13-inch MacBook' },
        apps: [{ kind: 'bundle-id', key: '1', name: 'Microsoft Word', version: '1.0.0' }],
      },
    ]);
  });

  it('reads the real pretty-printed capture where unrequested sections are null', () => {
    const page = parseInventoryPage(fixture('computers-inventory.real-capture.json'), 0);
    expect(page.issues).toEqual([]);
    expect(page.hosts[0]).toMatchObject({
      sourceId: '9',
      name: 'llama’s MacBook Air',
      serial: 'XXXXXXXXXXXX',
      lastSeenAt: '2023-02-21T09:31:49.792Z',
      osVersion: null,
      owner: null,
      // APPLICATIONS was not requested in that capture: unknown, not "none".
      apps: null,
    });
  });

  it.each([
    [
      'a bad lastContactTime',
      (r: Rec) => (r.general.lastContactTime = 'yesterday'),
      'general.lastContactTime',
    ],
    [
      'a numeric OS version',
      (r: Rec) => (r.operatingSystem.version = 15.1),
      'operatingSystem.version',
    ],
    ['applications not a list', (r: Rec) => (r.applications = 'Chrome'), 'applications'],
    ['no id', (r: Rec) => delete r.id, 'id'],
  ])('%s is an issue naming %s, and the other computers still land', (_name, spoil, field) => {
    const doc = JSON.parse(fixture('computers-inventory.docs-example.json')) as {
      results: Rec[];
    };
    const good = structuredClone(doc.results[0]) as Rec;
    good.id = '2';
    spoil(doc.results[0] as Rec);
    doc.results.push(good);
    const page = parseInventoryPage(JSON.stringify(doc), 4);
    expect(page.hosts.map((h) => h.sourceId)).toEqual(['2']);
    expect(page.issues).toEqual([
      {
        source: 'jamf',
        record: field === 'id' ? 'page 4 #0' : 'id=1',
        field,
        message: expect.any(String) as string,
      },
    ]);
  });

  it('keeps blank strings out: empty serial and email become null', () => {
    const doc = JSON.parse(fixture('computers-inventory.docs-example.json')) as {
      results: Rec[];
    };
    Object.assign((doc.results[0] as Rec).hardware, { serialNumber: '  ' });
    Object.assign((doc.results[0] as Rec).userAndLocation, { email: '' });
    const host = parseInventoryPage(JSON.stringify(doc), 0).hosts[0];
    expect(host).toMatchObject({ serial: null, owner: null });
  });

  it.each([
    ['not JSON', '<html>Jamf is starting</html>'],
    ['no results', '{"totalCount": 3}'],
    ['results not a list', '{"totalCount": 3, "results": {}}'],
  ])('a page with %s throws E_INVENTORY_PARSE naming source and page', (_name, body) => {
    expect(() => parseInventoryPage(body, 7)).toThrow(
      expect.objectContaining({
        code: 'E_INVENTORY_PARSE',
        details: { source: 'jamf', page: 7 },
      }) as Error,
    );
  });
});

describe('mapClassicComputer on a real Classic API answer', () => {
  it('maps snake_case fields, the +0000 time and skips apps without a bundle id', () => {
    const host = mapClassicComputer(
      classicComputerSchema.parse(JSON.parse(fixture('classic-computer.json'))),
    );
    expect(host).toEqual({
      source: 'jamf',
      sourceId: '226',
      serial: 'C02RT3ZKG8WN',
      hardwareUuid: 'xxx',
      model: 'MacBookPro12,1',
      name: 'nldm-z97e',
      platform: 'macos',
      osVersion: '10.14.3',
      osBuild: '18D42',
      lastSeenAt: '2019-03-01T14:10:28.195Z',
      owner: { email: 'jane.doe@example.com', name: 'Jane Doe' },
      apps: [
        {
          kind: 'bundle-id',
          key: 'com.google.Chrome',
          name: 'Google Chrome.app',
          version: '72.0.3626.119',
        },
      ],
    });
  });
});
