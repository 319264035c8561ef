import { describe, expect, it } from 'vitest';
import {
  controlGroupDraw,
  controlGroupSetting,
  DEFAULT_CONTROL_GROUP_SALT,
  expediteItems,
  inControlGroup,
} from './control-group.js';

const SALT = DEFAULT_CONTROL_GROUP_SALT;
const emails = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `person${i}@example.com`);

describe('inControlGroup', () => {
  it('gives the same answer for the same person every time', () => {
    for (const email of emails(200)) {
      expect(inControlGroup(email, 0.3, SALT)).toBe(inControlGroup(email, 0.3, SALT));
    }
    expect(controlGroupDraw('ada@example.com', SALT)).toBe(
      controlGroupDraw('ada@example.com', SALT),
    );
  });

  it('ignores the case and surrounding spaces of the email', () => {
    expect(controlGroupDraw(' Ada.Lovelace@Example.COM ', SALT)).toBe(
      controlGroupDraw('ada.lovelace@example.com', SALT),
    );
  });

  it.each([0.01, 0.05, 0.2, 0.5])('holds back about %s of 100,000 people', (share) => {
    const held = emails(100_000).filter((e) => inControlGroup(e, share, SALT)).length;
    // Binomial sd at n=100k is at most 158; 5 sd keeps the test honest and never flaky.
    expect(Math.abs(held - share * 100_000)).toBeLessThan(
      5 * Math.sqrt(100_000 * share * (1 - share)),
    );
  });

  it('holds back nobody at share 0 (and a nonsense share is off)', () => {
    expect(emails(10_000).some((e) => inControlGroup(e, 0, SALT))).toBe(false);
    expect(inControlGroup('a@example.com', Number.NaN, SALT)).toBe(false);
    expect(inControlGroup('a@example.com', -1, SALT)).toBe(false);
  });

  it('only adds people when the share grows', () => {
    for (const email of emails(5_000)) {
      if (inControlGroup(email, 0.05, SALT)) expect(inControlGroup(email, 0.1, SALT)).toBe(true);
    }
  });

  it('reshuffles when the salt changes', () => {
    const a = emails(10_000).filter((e) => inControlGroup(e, 0.1, SALT));
    const b = new Set(emails(10_000).filter((e) => inControlGroup(e, 0.1, 'another salt')));
    const overlap = a.filter((e) => b.has(e)).length;
    // Independent draws overlap on about 10% of a; the same draw would overlap on all of it.
    expect(overlap / a.length).toBeLessThan(0.2);
  });

  it('draws on [0, 1)', () => {
    for (const email of emails(1_000)) {
      const d = controlGroupDraw(email, SALT);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(1);
    }
  });
});

describe('controlGroupSetting', () => {
  it('is off with the default salt when the config says nothing', () => {
    expect(controlGroupSetting({})).toEqual({ share: 0, salt: DEFAULT_CONTROL_GROUP_SALT });
    expect(controlGroupSetting({ controlGroup: 0.05, controlGroupSalt: 's' })).toEqual({
      share: 0.05,
      salt: 's',
    });
  });
});

describe('expediteItems', () => {
  it('keeps only fixes for actively exploited CVEs', () => {
    const items = [
      { id: 'a', exploitedCves: [] },
      { id: 'b', exploitedCves: ['CVE-2026-1'] },
    ];
    expect(expediteItems(items).map((i) => i.id)).toEqual(['b']);
  });
});
