/**
 * The Apple support window on the real SOFA feed (sandbox/feeds/data/sofa/v1-macos_data_feed.json,
 * synced 2026-08-22): SOFA still lists Ventura 13 and Monterey 12, but only the newest three
 * majors (26, 15, 14) get security fixes. A host on an older major is `unsupported`, sent to the
 * newest major its model runs (SOFA's Models), or told to replace a Mac that runs none of them.
 */
import { describe, expect, it } from 'vitest';
import { sofaCatalog } from '../catalog/__fixtures__/sofa-catalog.js';
import { evaluate, type EvaluationHost } from './evaluate.js';
import { needsNewHardware } from './hardware.js';
import type { Finding } from './model.js';
import { DEFAULT_POLICY, type Policies } from './policy.js';

const NOW = new Date('2026-08-22T12:00:00Z');
const SYNCED = '2026-08-22T06:00:00.000Z';

const CATALOG = sofaCatalog(SYNCED);

function policies(apple?: Policies['apple']): Policies {
  return { default: DEFAULT_POLICY, products: {}, ...(apple ? { apple } : {}) };
}

function host(id: string, version: string, model: string | null): EvaluationHost {
  return {
    id,
    serial: id.toUpperCase(),
    platform: 'macos',
    ownerEmail: `${id}@example.com`,
    active: true,
    products: { macos: version },
    model,
  };
}

function judgeOne(version: string, model: string | null, apple?: Policies['apple']): Finding {
  const [finding] = evaluate({
    hosts: [host('h1', version, model)],
    catalog: CATALOG,
    policies: policies(apple),
    now: NOW,
  });
  if (!finding) throw new Error('no finding');
  return finding;
}

describe('the Apple support window on the SOFA feed', () => {
  it('reads every model SOFA lists with the majors it runs', () => {
    expect(CATALOG.models?.length).toBe(98);
    expect(CATALOG.models?.find((m) => m.model === 'MacBookPro15,1')).toEqual({
      product: 'macos',
      model: 'MacBookPro15,1',
      marketingName: 'MacBook Pro (15-inch, 2018)',
      majors: [15, 14, 13, 12],
    });
  });

  it('sends a Ventura host to the newest major its model runs, not to 13.7.8', () => {
    const f = judgeOne('13.7.7', 'MacBookPro15,1');
    expect(f.status).toBe('unsupported');
    expect(f.required).toBe('15.7.9');
    expect(f.track).toBe('13');
    expect(f.reason).toBe(
      'macOS 13 no longer gets security updates: upgrade to macOS Sequoia 15 (15.7.9), the newest macOS this Mac (MacBook Pro (15-inch, 2018) (MacBookPro15,1)) can run',
    );
    expect(needsNewHardware(f)).toBe(false);
  });

  it('sends a Ventura host on Apple silicon to Tahoe', () => {
    const f = judgeOne('13.7.8', 'Mac14,10');
    expect([f.status, f.required]).toEqual(['unsupported', '26.6.2']);
  });

  it('tells a Mac that runs no supported major that it needs replacing', () => {
    const f = judgeOne('13.7.8', 'MacBookPro13,1');
    expect(f.status).toBe('unsupported');
    expect(f.required).toBeNull();
    expect(needsNewHardware(f)).toBe(true);
    expect(f.reason).toMatch(/^this Mac can no longer get security updates; it needs replacing/);
    expect(f.reason).toContain('runs macOS 13 at most');
  });

  it('keeps the oldest supported major as the floor when the model is not reported', () => {
    const f = judgeOne('12.7.6', null);
    expect([f.status, f.required]).toEqual(['unsupported', '14.8.9']);
    expect(f.reason).toContain('or later');
  });

  it('leaves a host on a supported major to its own track, whatever its model', () => {
    const f = judgeOne('14.8.9', 'MacBookAir8,1');
    expect([f.status, f.required]).toEqual(['current', '14.8.9']);
  });

  it('widens and narrows with policies.apple.supportedMajors', () => {
    expect(judgeOne('13.7.8', 'MacBookPro13,1', { supportedMajors: 4 }).status).toBe('current');
    const narrow = judgeOne('14.8.9', 'MacBookAir8,1', { supportedMajors: 2 });
    expect(needsNewHardware(narrow)).toBe(true);
  });

  it('judges two hosts on one version but different models apart', () => {
    const findings = evaluate({
      hosts: [host('a', '13.7.8', 'Mac14,10'), host('b', '13.7.8', 'MacBookPro15,1')],
      catalog: CATALOG,
      policies: policies(),
      now: NOW,
    });
    expect(findings.map((f) => f.required)).toEqual(['26.6.2', '15.7.9']);
  });
});
