import { describe, expect, it } from 'vitest';
import { escapeHtml, html, queryString, trusted } from './html.js';

describe('html', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`" onmouseover='x'`, '&quot; onmouseover=&#39;x&#39;'],
    ['a & b', 'a &amp; b'],
    ['`tick`', '&#96;tick&#96;'],
    ['plain', 'plain'],
  ])('escapes %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
    expect(html`<p title="${input}">${input}</p>`.value).toBe(
      `<p title="${expected}">${expected}</p>`,
    );
  });

  it.each([
    ['null', null, '<b></b>'],
    ['undefined', undefined, '<b></b>'],
    ['false', false, '<b></b>'],
    ['a number', 42, '<b>42</b>'],
    ['nested markup', html`<i>${'<x>'}</i>`, '<b><i>&lt;x&gt;</i></b>'],
    ['a list', ['<a>', html`<br />`], '<b>&lt;a&gt;<br /></b>'],
    ['trusted markup', trusted('<svg></svg>'), '<b><svg></svg></b>'],
  ] as const)('renders %s', (_name, value, expected) => {
    expect(html`<b>${value}</b>`.value).toBe(expected);
  });

  it.each([
    [{ a: 'x y', b: '', c: undefined }, '?a=x+y'],
    [{}, ''],
    [{ page: 2, q: '<&>' }, '?page=2&q=%3C%26%3E'],
  ])('builds query string %j', (params, expected) => {
    expect(queryString(params)).toBe(expected);
  });
});
