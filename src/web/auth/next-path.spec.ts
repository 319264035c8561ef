import { describe, expect, it } from 'vitest';
import { safeNext } from './next-path.js';

describe('safeNext', () => {
  it.each([
    ['/', '/'],
    ['/hosts?status=overdue', '/hosts?status=overdue'],
    ['/products/macos#tracks', '/products/macos#tracks'],
    ['/a/../hosts', '/hosts'],
    // Percent-encoded as the browser would send it, so the Location header stays ASCII.
    ['/people/zoë', '/people/zo%C3%AB'],
    ['/%2F/evil.example', '/%2F/evil.example'],
  ])('keeps the same-origin path %j as %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it.each([
    // The reported attack: `/login?next=/%09/evil.example` arrives decoded; browsers drop the tab.
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '\t//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    '//evil.example',
    '///evil.example',
    '//evil.example/%2F..',
    '/.//evil.example',
    '/%2e//evil.example',
    '/..//evil.example',
    '/x/../..//evil.example',
    'https://evil.example/',
    'http:evil.example',
    'javascript:alert(1)',
    'data:text/html,hi',
    'evil.example',
    ' /hosts',
    '/\u0000/evil.example',
    '/\u007f/evil.example',
    '',
  ])('sends %j to / instead', (next) => {
    expect(safeNext(next)).toBe('/');
  });
});
