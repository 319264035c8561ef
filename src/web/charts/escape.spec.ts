import { describe, expect, it } from 'vitest';
import { escapeXml, px, safeColor, truncateLabel } from './escape.js';

describe('escapeXml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    [`" onload="x' y`, '&quot; onload=&quot;x&#39; y'],
    ['bell\u0007 and nul\u0000', 'bell and nul'],
    ['lone \uD800 surrogate', 'lone  surrogate'],
    ['emoji 🍎 kept', 'emoji 🍎 kept'],
    ['tab\tand\nnewline', 'tab\tand\nnewline'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });
});

describe('truncateLabel', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['Microsoft Office 365', 10, 'Microsoft…'],
    ['🍎🍎🍎🍎🍎', 3, '🍎🍎…'],
    ['  spaced\n\tout  ', 20, 'spaced out'],
  ])('%j cut to %s is %j', (input, max, expected) => {
    expect(truncateLabel(input, max)).toBe(expected);
    expect(Array.from(truncateLabel(input, max)).length).toBeLessThanOrEqual(max);
  });
});

describe('safeColor', () => {
  it.each([
    ['#0072B2', '#0072B2'],
    ['rgb(1, 2, 3)', 'rgb(1, 2, 3)'],
    ['teal', 'teal'],
    ['red" onload="alert(1)', '#000'],
    ['url(#evil)', '#000'],
    [undefined, '#000'],
  ])('%j -> %j', (input, expected) => {
    expect(safeColor(input, '#000')).toBe(expected);
  });
});

describe('px', () => {
  it.each([
    [1.23456, '1.23'],
    [-0.001, '0'],
    [10, '10'],
  ])('%s -> %s', (n, expected) => expect(px(n)).toBe(expected));
});
