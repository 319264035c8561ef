/**
 * Reading a Chrome Releases post: the body is free HTML prose, so this is careful text matching,
 * kept pure and apart from the feed plumbing so its tests can be tables of real sentences.
 */

/**
 * A numeric character reference as its character. One naming no character ("&#1114112;") is
 * U+FFFD, as a browser shows it: String.fromCodePoint would throw and lose the whole feed.
 */
function codePoint(n: number): string {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd';
}

/** Post HTML to plain text: tags become spaces, the few entities Blogger emits are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);/g, (_, d: string) => codePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => codePoint(parseInt(h, 16)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Desktop post titles and their track; everything else (ChromeOS, Android, Beta, Dev) is skipped. */
export function trackOfTitle(title: string): 'stable' | 'extended' | null {
  const t = title.trim().replace(/\s+/g, ' ');
  if (/^extended stable channel updates? for desktop$/i.test(t)) return 'extended';
  if (/^stable channel updates? for desktop$/i.test(t)) return 'stable';
  return null;
}

const VERSION_GROUP = /(\d+\.\d+\.\d+\.\d+)((?:\s*\/\s*\.?\d+)*)/g;

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** "131.0.6778.85" + "/.86/87" -> the three full versions (a suffix replaces the last part). */
function expand(base: string, suffixes: string): string[] {
  const head = base.slice(0, base.lastIndexOf('.') + 1);
  const extra = suffixes.match(/\d+/g) ?? [];
  return [base, ...extra.map((n) => head + n)];
}

/** The desktop platforms a post names, as the words that name them. */
export type DesktopPlatform = 'mac' | 'windows' | 'linux';

const NAMES: Readonly<Record<DesktopPlatform, RegExp>> = {
  mac: /\bmac/i,
  windows: /\bwindows/i,
  linux: /\blinux/i,
};

/**
 * The version `platform` gets from a "The (Extended) Stable channel has been updated to ..."
 * sentence. Each version group applies to the platforms named after it, up to the next group:
 * "150.0.7871.128/.129 for Windows and Mac and 150.0.7871.128 for Linux" -> Mac (and Windows) get
 * a group of two builds of one release, and we take the highest (Google ships the Mac and
 * Windows builds of a release as a/b; the higher one is what a computer reports once updated);
 * Linux gets 150.0.7871.128. A sentence naming no platform at all applies to every desktop.
 * Null when no group applies to the platform.
 */
export function platformVersionOf(text: string, platform: DesktopPlatform): string | null {
  const sentence = /updated to\s+([\s\S]*?)(?:\.(?:\s|$)|\bwhich\b|$)/i.exec(text)?.[1];
  if (!sentence) return null;
  const groups = [...sentence.matchAll(VERSION_GROUP)];
  if (groups.length === 0) return null;
  const named = /\b(mac|windows|linux)/i.test(sentence);
  const mine = groups.filter((g, i) => {
    const start = (g.index ?? 0) + g[0].length;
    const end = groups[i + 1]?.index ?? sentence.length;
    return !named || NAMES[platform].test(sentence.slice(start, end));
  });
  const versions = mine.flatMap((g) => expand(g[1] ?? '', g[2] ?? ''));
  return versions.sort(compareVersions).at(-1) ?? null;
}

/** The version a Mac gets (see platformVersionOf). */
export function macVersionOf(text: string): string | null {
  return platformVersionOf(text, 'mac');
}

const CVE = /CVE-\d{4}-\d{4,}/g;
const uniqueSorted = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();

/** Every CVE id the post names. */
export function cvesOf(text: string): string[] {
  return uniqueSorted(text.match(CVE) ?? []);
}

/** CVEs in "... an exploit for CVE-x exists in the wild" (also plural, "and"-joined lists). */
export function exploitedCvesOf(text: string): string[] {
  const found: string[] = [];
  const re =
    /exploits?\s+for\s+((?:CVE-\d{4}-\d{4,}[\s,]*(?:and\s+)?)+)exists?\s+in\s+the\s+wild/gi;
  for (const m of text.matchAll(re)) found.push(...(m[1]?.match(CVE) ?? []));
  return uniqueSorted(found);
}
