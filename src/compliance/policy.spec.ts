import { describe, expect, it } from 'vitest';
import type { Policy } from './model.js';
import { DEFAULT_POLICY, policiesSchema, resolvePolicy } from './policy.js';

describe('policiesSchema', () => {
  it.each<[string, unknown, Partial<Policy>, Record<string, Partial<Policy>>]>([
    ['nothing configured', undefined, DEFAULT_POLICY, {}],
    ['an empty block', {}, DEFAULT_POLICY, {}],
    [
      "DESIGN.md's example",
      {
        default: { target: 'latest-in-track', graceDays: 14, exploitedGraceDays: 3 },
        products: { chrome: { graceDays: 7 } },
      },
      DEFAULT_POLICY,
      { chrome: { graceDays: 7 } },
    ],
    [
      'a default with everything',
      {
        default: {
          target: 'latest',
          graceDays: 21,
          exploitedGraceDays: 5,
          platforms: ['macos'],
          exclude: [' C02XK1JHJG5J '],
        },
      },
      {
        target: 'latest',
        graceDays: 21,
        exploitedGraceDays: 5,
        platforms: ['macos'],
        exclude: ['C02XK1JHJG5J'],
        minimum: null,
      },
      {},
    ],
    [
      'a product minimum',
      { products: { firefox: { target: 'minimum', minimum: '128.0' } } },
      DEFAULT_POLICY,
      { firefox: { target: 'minimum', minimum: '128.0' } },
    ],
  ])('%s', (_name, input, expectedDefault, expectedProducts) => {
    const res = policiesSchema.safeParse(input);
    expect(res.success).toBe(true);
    expect(res.data?.default).toEqual(expectedDefault);
    expect(res.data?.products).toEqual(expectedProducts);
  });

  it.each<[string, unknown, string, string]>([
    [
      'exploited grace above grace',
      { default: { exploitedGraceDays: 20 } },
      'default.exploitedGraceDays',
      'exploitedGraceDays (20) must not exceed graceDays (14)',
    ],
    // The product's own grace breaks the inherited exploited grace: reported on what it set.
    [
      'a product grace below the inherited exploited grace',
      { products: { chrome: { graceDays: 2 } } },
      'products.chrome.graceDays',
      'exploitedGraceDays (3) must not exceed graceDays (2)',
    ],
    [
      'target minimum without a minimum',
      { products: { zoom: { target: 'minimum' } } },
      'products.zoom.minimum',
      'target "minimum" needs a minimum version',
    ],
    [
      'a minimum without its target',
      { products: { zoom: { minimum: '6.4.6' } } },
      'products.zoom.target',
      'minimum is set but target is "latest-in-track": set target: minimum',
    ],
    ['an unknown target', { default: { target: 'newest' } }, 'default.target', ''],
    ['a typo in a key', { products: { chrome: { gracedays: 7 } } }, 'products.chrome', 'gracedays'],
    ['negative days', { default: { graceDays: -1 } }, 'default.graceDays', 'expected days >= 0'],
    [
      'fractional days',
      { default: { graceDays: 1.5 } },
      'default.graceDays',
      'expected whole days',
    ],
    [
      'a platform spelled the Apple way',
      { default: { platforms: ['macOS'] } },
      'default.platforms.0',
      '',
    ],
    [
      'an empty exclusion',
      { default: { exclude: [''] } },
      'default.exclude.0',
      'expected a serial number or an email',
    ],
  ])('rejects %s at its key', (_name, input, path, message) => {
    const res = policiesSchema.safeParse(input);
    expect(res.success).toBe(false);
    const issues = res.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    expect(issues).toContainEqual({ path, message: expect.stringContaining(message) as string });
  });
});

describe('resolvePolicy', () => {
  const defaults: Policy = { ...DEFAULT_POLICY, exclude: ['C02XK1JHJG5J'] };
  const overrides: Record<string, Partial<Policy>> = {
    chrome: { graceDays: 7 },
    zoom: { target: 'minimum', minimum: '6.4.6', exclude: [] },
    firefox: { minimum: null, platforms: undefined },
  };
  it.each<[string, Partial<Policy>]>([
    ['macos', defaults],
    ['chrome', { ...defaults, graceDays: 7 }],
    ['zoom', { ...defaults, target: 'minimum', minimum: '6.4.6', exclude: [] }],
    // An explicit undefined (a partial built in code) inherits; null is a value.
    ['firefox', defaults],
    // Only the map's own keys: Object.prototype has a "constructor".
    ['constructor', defaults],
  ])('%s', (product, expected) => {
    expect(resolvePolicy(defaults, overrides, product)).toEqual(expected);
  });
});

describe('policies.apple.supportedMajors', () => {
  it.each([
    ['nothing configured', undefined, 3],
    ['an empty apple block', { apple: {} }, 3],
    ['a wider window', { apple: { supportedMajors: 4 } }, 4],
  ])('%s -> %i', (_name, input, expected) => {
    const res = policiesSchema.safeParse(input);
    expect(res.data?.apple?.supportedMajors).toBe(expected);
  });

  it.each([
    ['zero majors', { apple: { supportedMajors: 0 } }, 'apple.supportedMajors', 'at least 1'],
    ['a fraction', { apple: { supportedMajors: 2.5 } }, 'apple.supportedMajors', 'whole number'],
    ['a typo', { apple: { supportedMajor: 3 } }, 'apple', 'supportedMajor'],
  ])('rejects %s at its key', (_name, input, path, message) => {
    const res = policiesSchema.safeParse(input);
    expect(res.success).toBe(false);
    const issues = res.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    expect(issues).toContainEqual({ path, message: expect.stringContaining(message) as string });
  });
});
