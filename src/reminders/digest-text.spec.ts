import { describe, expect, it } from 'vitest';
import { finding } from './__fixtures__/findings.js';
import {
  dueText,
  escapeMrkdwn,
  itemMrkdwn,
  itemText,
  mrkdwnLink,
  securityNotes,
} from './digest-text.js';

const now = new Date('2026-11-27T10:00:00Z'); // a Friday

describe('dueText', () => {
  it.each([
    ['overdue 3 days', finding({ status: 'overdue', daysOverdue: 3 }), 'UTC', '3 days overdue'],
    ['overdue 1 day', finding({ status: 'overdue', daysOverdue: 1 }), 'UTC', '1 day overdue'],
    ['overdue today', finding({ status: 'overdue', daysOverdue: 0 }), 'UTC', 'overdue'],
    ['unsupported', finding({ status: 'unsupported', deadline: null }), 'UTC', 'upgrade required'],
    [
      'due in 5 days',
      finding({ deadline: '2026-12-02T12:00:00Z' }),
      'UTC',
      'due in 5 days (Wed 2 Dec)',
    ],
    [
      'due tomorrow',
      finding({ deadline: '2026-11-28T09:00:00Z' }),
      'UTC',
      'due tomorrow (Sat 28 Nov)',
    ],
    [
      'due later today',
      finding({ deadline: '2026-11-27T18:00:00Z' }),
      'UTC',
      'due today (Fri 27 Nov)',
    ],
    // 2026-11-28T02:00Z is still the 27th in New York: their today, not tomorrow.
    [
      'calendar days in the person’s zone',
      finding({ deadline: '2026-11-28T02:00:00Z' }),
      'America/New_York',
      'due today (Fri 27 Nov)',
    ],
    [
      'and their date in Tokyo',
      finding({ deadline: '2026-12-01T20:00:00Z' }),
      'Asia/Tokyo',
      'due in 5 days (Wed 2 Dec)',
    ],
  ])('%s', (_name, f, tz, expected) => {
    expect(dueText(f, now, tz)).toBe(expected);
  });
});

describe('securityNotes', () => {
  it.each([
    [[], 0, []],
    [[], 12, ['12 CVEs fixed']],
    [
      ['CVE-2026-1234'],
      1,
      ['fixes an actively exploited vulnerability (CVE-2026-1234)', '1 CVE fixed'],
    ],
    [
      ['CVE-1', 'CVE-2', 'CVE-3', 'CVE-4', 'CVE-5'],
      9,
      ['fixes 5 actively exploited vulnerabilities (CVE-1, CVE-2, CVE-3 +2)', '9 CVEs fixed'],
    ],
  ])('exploited %j, %d CVEs', (exploitedCves, cveCount, expected) => {
    expect(securityNotes(finding({ exploitedCves, cveCount }))).toEqual(expected);
  });
});

describe('item lines', () => {
  const f = finding({
    status: 'overdue',
    daysOverdue: 3,
    exploitedCves: ['CVE-2026-1234'],
    cveCount: 4,
  });

  it('plain text', () => {
    expect(itemText(f, now, 'UTC')).toBe(
      'Google Chrome 131.0.6778.69 → 131.0.6778.85 · 3 days overdue · fixes an actively exploited vulnerability (CVE-2026-1234) · 4 CVEs fixed',
    );
  });

  it('mrkdwn with a warning and a how-to link', () => {
    expect(itemMrkdwn(f, now, 'UTC', 'https://it.example.com/chrome?a=1&b=2')).toBe(
      '• *Google Chrome* 131.0.6778.69 → 131.0.6778.85 · 3 days overdue · :rotating_light: fixes an actively exploited vulnerability (CVE-2026-1234) · 4 CVEs fixed · <https://it.example.com/chrome?a=1&b=2|How to update>',
    );
  });

  it('names the reason of an upgrade-required item', () => {
    const u = finding({
      productName: 'macOS',
      installed: '13.7.1',
      required: '15.7.9',
      status: 'unsupported',
      reason: 'macOS 13 no longer gets security updates: upgrade to macOS Sequoia 15 (15.7.9)',
    });
    expect(itemText(u, now, 'UTC')).toBe(
      'macOS 13.7.1 → 15.7.9 · upgrade required · macOS 13 no longer gets security updates: upgrade to macOS Sequoia 15 (15.7.9)',
    );
  });

  it('tells the owner of a Mac that runs no supported major that it needs replacing', () => {
    const reason = 'this Mac can no longer get security updates; it needs replacing';
    const u = finding({
      productName: 'macOS',
      installed: '13.7.8',
      required: null,
      status: 'unsupported',
      reason,
    });
    const expected = `macOS 13.7.8 → new hardware · needs replacing · ${reason}`;
    expect(itemText(u, now, 'UTC')).toBe(expected);
    expect(itemMrkdwn(u, now, 'UTC', undefined)).toBe(
      `• *macOS* 13.7.8 → new hardware · needs replacing · ${reason}`,
    );
  });
});

describe('escaping', () => {
  it.each([
    ['a <b> & c', 'a &lt;b&gt; &amp; c'],
    ['plain', 'plain'],
  ])('escapes %j', (raw, expected) => {
    expect(escapeMrkdwn(raw)).toBe(expected);
  });

  it.each([
    ['https://x.example/a|b>c', '<https://x.example/a%7Cb%3Ec|How to update>'],
    ['javascript:alert(1)', null],
    ['ftp://x.example/', null],
  ])('links %j safely', (url, expected) => {
    expect(mrkdwnLink(url, 'How to update')).toBe(expected);
  });
});
