import { describe, expect, it } from 'vitest';
import {
  cvesOf,
  exploitedCvesOf,
  htmlToText,
  macVersionOf,
  platformVersionOf,
  trackOfTitle,
} from './post-text.js';

describe('macVersionOf', () => {
  // Sentences as Google wrote them in real posts, including the irregular ones.
  it.each([
    ['updated to 131.0.6778.85/.86 for Windows, Mac and 131.0.6778.85 for Linux', '131.0.6778.86'],
    [
      'updated to 150.0.7871.128/.129 for Windows and Mac and 150.0.7871.128 for Linux',
      '150.0.7871.129',
    ],
    [
      'updated to 116.0.5845.187 for Mac and Linux and 116.0.5845.187/.188 for Windows which',
      '116.0.5845.187',
    ],
    [
      'updated to 123.0.6312.122/.123 for Windows 123.0.6312.122/.123/.124 for Mac and 123.0.6312.122 to Linux',
      '123.0.6312.124',
    ],
    [
      'updated to 148.0.7778.216/217 for Windows and 148.0.7778.215/216 Mac and 148.0.7778.215 for Linux.',
      '148.0.7778.216',
    ],
    [
      'updated to 145.0.7632.75/76 for Windows/Mac and 145.0.7632.75 for Linux, which will roll out',
      '145.0.7632.76',
    ],
    [
      'updated to 120.0.6099.129 for Mac,Linux and 120.0.6099.129/130 for Windows',
      '120.0.6099.129',
    ],
    [
      'The Extended Stable channel has been updated to 148.0.7778.265 for Windows and Mac.',
      '148.0.7778.265',
    ],
    [
      'The Stable channel has been updated to 100.0.4896.127 for Windows, Mac and Linux',
      '100.0.4896.127',
    ],
    ['The Stable channel has been updated to 101.0.4951.41.', '101.0.4951.41'],
  ])('%s -> %s', (sentence, expected) => {
    expect(macVersionOf(sentence)).toBe(expected);
  });

  it.each([
    ['no "updated to" sentence', 'This release includes stability and performance improvements.'],
    ['no version in the sentence', 'The Stable channel has been updated to the latest build.'],
    ['a version for other platforms only', 'updated to 131.0.6778.85 for Windows and Linux.'],
  ])('is null with %s', (_, text) => {
    expect(macVersionOf(text)).toBeNull();
  });
});

describe('platformVersionOf', () => {
  // The same real sentences: each platform gets the highest build of the groups naming it.
  it.each([
    [
      'updated to 116.0.5845.187 for Mac and Linux and 116.0.5845.187/.188 for Windows which',
      ['116.0.5845.187', '116.0.5845.188', '116.0.5845.187'],
    ],
    [
      'updated to 123.0.6312.122/.123 for Windows 123.0.6312.122/.123/.124 for Mac and 123.0.6312.122 to Linux',
      ['123.0.6312.124', '123.0.6312.123', '123.0.6312.122'],
    ],
    [
      'updated to 145.0.7632.75/76 for Windows/Mac and 145.0.7632.75 for Linux, which will roll out',
      ['145.0.7632.76', '145.0.7632.76', '145.0.7632.75'],
    ],
    [
      'The Extended Stable channel has been updated to 148.0.7778.265 for Windows and Mac.',
      ['148.0.7778.265', '148.0.7778.265', null],
    ],
    [
      'The Stable channel has been updated to 101.0.4951.41.',
      ['101.0.4951.41', '101.0.4951.41', '101.0.4951.41'],
    ],
  ])('%s -> mac, windows, linux %j', (sentence, [mac, windows, linux]) => {
    expect(platformVersionOf(sentence, 'mac')).toBe(mac);
    expect(platformVersionOf(sentence, 'windows')).toBe(windows);
    expect(platformVersionOf(sentence, 'linux')).toBe(linux);
  });
});

describe('trackOfTitle', () => {
  it.each([
    ['Stable Channel Update for Desktop', 'stable'],
    ['  Extended Stable Channel Update for Desktop ', 'extended'],
    ['Stable Channel Updates for Desktop', 'stable'],
    ['Stable Channel Update for ChromeOS / ChromeOS Flex', null],
    ['Chrome for Android Update', null],
    ['Beta Channel Update for Desktop', null],
    ['Dev Channel Update for Desktop', null],
    ['', null],
  ])('%j -> %s', (title, track) => {
    expect(trackOfTitle(title)).toBe(track);
  });
});

describe('CVE extraction', () => {
  const body = htmlToText(
    '<p>[$N/A][1479274] Critical CVE-2023-4863: Heap buffer overflow in WebP.</p>' +
      '<p>[$7000][1] High CVE-2023-4762: Type Confusion in V8. High CVE-2023-4863 again</p>' +
      '<p>Google is aware that an exploit for CVE-2023-4863 exists in the wild.</p>',
  );

  it('lists every CVE once, sorted', () => {
    expect(cvesOf(body)).toEqual(['CVE-2023-4762', 'CVE-2023-4863']);
  });

  it.each([
    [body, ['CVE-2023-4863']],
    [
      'Google is aware that exploits for CVE-2025-10001 and CVE-2025-10002 exist in the wild.',
      ['CVE-2025-10001', 'CVE-2025-10002'],
    ],
    [
      'Google is aware of reports that an exploit for CVE-2025-6554 exists in the wild.',
      ['CVE-2025-6554'],
    ],
    ['High CVE-2024-12345: Use after free in Blink.', []],
  ])('exploited in %j', (text, expected) => {
    expect(exploitedCvesOf(text)).toEqual(expected);
  });

  it('decodes the entities Blogger writes, so words and CVE ids stay whole', () => {
    expect(htmlToText('Toronto&#39;s&nbsp;<b>Munk</b> &amp; CVE-2023-4863')).toBe(
      "Toronto's Munk & CVE-2023-4863",
    );
  });

  // Found by the feed property test: String.fromCodePoint threw a RangeError on these and the
  // whole feed failed uncoded.
  it('reads a reference to no character as U+FFFD instead of throwing', () => {
    expect(htmlToText('a&#1114112;b&#x110000;c&#99999999999;d')).toBe('a\ufffdb\ufffdc\ufffdd');
  });
});
