/**
 * The dashboard in a real browser: Debian's chromium driven by playwright-core against the app
 * listening on a free local port with a seeded SQLite database. Saves test-results/overview.png.
 * A second session runs axe-core on every page: no serious or critical violation is allowed.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import { parse } from 'csv-parse/sync';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, seedScenario } from '../../test/reminder-scenario.js';
import { ensureSetupCode } from './routes.js';
import { contrastRatio, MIN_TEXT_CONTRAST } from './static/contrast.js';
import { ADMIN, createKit, seedRollout, type Kit } from './test-kit.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * One line per page, rule and kind of failure, with how many elements and the first of them, so a
 * failure reads as a to-do list rather than a JSON dump (a table of 30 badges is one line).
 */
function describeViolations(path: string, violations: readonly Result[]): string[] {
  return violations.flatMap((v) => {
    const byFailure = new Map<string, { count: number; first: string }>();
    for (const n of v.nodes) {
      const failure = (n.failureSummary ?? '').replace(/\s+/g, ' ').trim();
      const seen = byFailure.get(failure);
      if (seen) seen.count++;
      else byFailure.set(failure, { count: 1, first: n.target.join(' ') });
    }
    return [...byFailure].map(
      ([failure, { count, first }]) =>
        `${path} [${v.impact ?? 'unknown'}] ${v.id} on ${count} element(s), first ${first}: ${failure}`,
    );
  });
}

/** axe-core's verdict on the page as shown now: the serious and critical violations only. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  // Runs in the browser, where axe-core has just defined `axe`; this file has no DOM types.
  const results = await page.evaluate(() =>
    (globalThis as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run(),
  );
  const path = new URL(page.url()).pathname + new URL(page.url()).search;
  return describeViolations(
    path,
    results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
  );
}

/**
 * Chart text below 4.5:1 against the chart's own background (the first `<rect>` every chart
 * draws). axe's colour-contrast rule reads CSS `color`, not the `fill` that paints SVG text.
 */
async function faintChartText(page: Page): Promise<string[]> {
  interface Node {
    readonly textContent: string | null;
    querySelector(selector: string): Node | null;
    querySelectorAll(selector: string): Iterable<Node>;
  }
  const texts = await page.locator('svg').evaluateAll((svgs) => {
    const fill = (n: Node | null): string =>
      n
        ? (
            globalThis as unknown as { getComputedStyle(n: Node): { fill: string } }
          ).getComputedStyle(n).fill
        : 'rgb(255, 255, 255)';
    return (svgs as unknown as Node[]).flatMap((svg) =>
      [...svg.querySelectorAll('text')].map((t) => ({
        text: t.textContent ?? '',
        fill: fill(t),
        background: fill(svg.querySelector('rect')),
      })),
    );
  });
  const path = new URL(page.url()).pathname;
  return texts
    .filter((t) => contrastRatio(t.fill, t.background) < MIN_TEXT_CONTRAST)
    .map(
      (t) =>
        `${path} chart text "${t.text}" ${t.fill} on ${t.background}: ${contrastRatio(t.fill, t.background).toFixed(2)}:1`,
    );
}

describe('dashboard in chromium', () => {
  let kit: Kit;
  let base: string;
  let browser: Browser;
  let page: Page;
  let code: string;
  let a11y: BrowserContext;
  let a11yPage: Page;

  beforeAll(async () => {
    kit = await createKit({
      now: NOW,
      seed: async (ctx) => {
        await seedScenario(ctx.db);
        await seedRollout(ctx, NOW, 14);
      },
    });
    code = (await ensureSetupCode(kit.ctx.db, NOW))!;
    base = await kit.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    // axe-core arrives as an injected script, which the dashboard's CSP (script-src 'none')
    // rightly refuses. Only this second session bypasses CSP; the first keeps proving it holds.
    a11y = await browser.newContext({ bypassCSP: true, viewport: { width: 1360, height: 900 } });
    a11yPage = await a11y.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await kit?.close();
  });

  it('shows setup with no serious or critical axe violation', async () => {
    await a11yPage.goto(`${base}/setup`);
    expect(new URL(a11yPage.url()).pathname).toBe('/setup');
    expect(await seriousViolations(a11yPage)).toEqual([]);
  });

  it('completes setup, signs out and signs in again', async () => {
    await page.goto(`${base}/hosts`);
    expect(new URL(page.url()).pathname).toBe('/setup');
    await page.getByLabel('Setup code').fill(code);
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Repeat password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/login`);

    await page.goto(`${base}/jobs`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Wrong username or password');
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/jobs`);
    expect(await page.locator('h1').textContent()).toBe('Jobs');
  });

  it('shows sign-in, with and without its error, with no serious or critical axe violation', async () => {
    await a11yPage.goto(`${base}/login`);
    expect(await seriousViolations(a11yPage)).toEqual([]);
    await a11yPage.getByLabel('Username').fill(ADMIN.username);
    await a11yPage.getByLabel('Password').fill('wrong password!');
    await a11yPage.getByRole('button', { name: 'Sign in' }).click();
    expect(await a11yPage.getByRole('alert').textContent()).toContain('Wrong username');
    expect(await seriousViolations(a11yPage)).toEqual([]);
    await a11yPage.getByLabel('Password').fill(ADMIN.password);
    await a11yPage.getByRole('button', { name: 'Sign in' }).click();
    await a11yPage.waitForURL(`${base}/`);
  });

  it('has no serious or critical axe violation, nor faint chart text, on any dashboard page', async () => {
    // States a link never leads to (notices, empty results, a 404), then every page linked from
    // the pages visited, each path once: a new page is checked as soon as something links to it.
    const queue = [
      '/',
      '/hosts?status=overdue',
      '/hosts?q=no-such-host',
      '/jobs?ran=sync-feeds',
      '/jobs?failed=broken',
      '/products/no-such-product',
    ];
    const seen = new Set(queue);
    const problems: string[] = [];
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      await a11yPage.goto(`${base}${path}`);
      // Signed in by the test before: a page that sends us to sign in was not checked at all.
      expect(new URL(a11yPage.url()).pathname, path).not.toMatch(/^\/(login|setup)$/);
      problems.push(...(await seriousViolations(a11yPage)));
      problems.push(...(await faintChartText(a11yPage)));
      const links = await a11yPage
        .locator('a[href]')
        .evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href));
      for (const href of links) {
        const url = new URL(href);
        if (url.origin !== base || seen.has(url.pathname)) continue;
        // Downloads and JSON are not pages: nothing for axe to read.
        if (/\.(csv|json)$/.test(url.pathname)) continue;
        // Host pages share one template: a few of them check it, 31 would only cost minutes.
        const hostPages = [...seen].filter((p) => /^\/hosts\/./.test(p)).length;
        if (/^\/hosts\/./.test(url.pathname) && hostPages >= 3) continue;
        seen.add(url.pathname);
        queue.push(url.pathname);
      }
    }
    expect(problems).toEqual([]);
    // The crawl reached every kind of page (a product, a person) and not only the start list.
    expect([...seen].some((p) => /^\/products\/(?!no-such)/.test(p))).toBe(true);
    expect([...seen].some((p) => p.startsWith('/people/'))).toBe(true);
    expect([...seen].some((p) => /^\/hosts\/./.test(p))).toBe(true);
  }, 240_000);

  it('shows the overview with charts and saves a screenshot', async () => {
    await page.goto(`${base}/`);
    expect(await page.locator('h1').textContent()).toBe('Fleet overview');
    const overdue = await page.locator('.stat.overdue .value').textContent();
    expect(Number(overdue)).toBeGreaterThan(0);
    expect(await page.locator('figure[data-chart="bar"] svg rect').count()).toBeGreaterThan(4);
    expect(
      await page
        .locator('figure[data-chart="line"] svg path, figure[data-chart="line"] svg polyline')
        .count(),
    ).toBeGreaterThan(0);
    expect(await page.getByText('Stale feeds').isVisible()).toBe(true);
    // The stylesheet loaded (CSP allows only our own origin): cards get their white background.
    // The page function runs in the browser; this file is typed without the DOM library.
    type Styles = { getComputedStyle(el: unknown): { backgroundColor: string } };
    const bg = await page
      .locator('.card')
      .first()
      .evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(255, 255, 255)');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/overview.png', fullPage: true });
  });

  it('clicks through to a product and to a person', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'macOS 15' }).click();
    await page.waitForURL(`${base}/products/macos`);
    expect(await page.locator('h1').textContent()).toBe('macOS');
    expect(await page.getByRole('cell', { name: 'Sequoia 15', exact: true }).isVisible()).toBe(
      true,
    );
    expect(await page.locator('figure[data-chart="bar"]').count()).toBe(2);
    expect(
      await page.locator('figure[data-chart="bar"]').first().locator('rect').count(),
    ).toBeGreaterThan(2);

    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'alice@example.com' }).click();
    await page.waitForURL(`${base}/people/alice%40example.com`);
    expect(await page.locator('h1').textContent()).toBe('alice@example.com');
    const hosts = await page.locator('.host-card h2').allTextContents();
    expect(hosts.map((h) => h.trim()).sort()).toEqual(['mac-A1', 'mac-A2']);
    expect(await page.locator('.host-card .badge-overdue').count()).toBeGreaterThan(0);
  });

  it('filters the hosts table', async () => {
    await page.goto(`${base}/hosts`);
    const all = await page.locator('#hosts tbody tr').count();
    expect(all).toBe(31); // 7 scenario hosts + 24 rollout hosts
    await page.getByLabel('Status').selectOption('overdue');
    await page.getByLabel('Owner').fill('bob@example.com');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=overdue/);
    const rows = page.locator('#hosts tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('mac-B2');
    await page.getByLabel('Owner').fill('');
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Search').fill('mac-c');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/q=mac-c/);
    expect(await page.locator('#hosts tbody tr').allTextContents()).toHaveLength(1);
  });

  it('sorts the hosts table by a column header, most days overdue first by default', async () => {
    await page.goto(`${base}/hosts`);
    const overdueHeader = page.locator('#hosts th', { hasText: 'Days overdue' });
    expect(await overdueHeader.getAttribute('aria-sort')).toBe('descending');
    const days = (await page.locator('#hosts tbody tr td:nth-child(6)').allTextContents()).map(
      (t) => (t.trim() === '–' ? -1 : Number(t.trim())),
    );
    expect(days[0]).toBeGreaterThan(0);
    expect(days).toEqual([...days].sort((a, b) => b - a));

    await page.locator('#hosts th a', { hasText: 'Name' }).click();
    await page.waitForURL(/sort=name&dir=asc/);
    const names = (await page.locator('#hosts tbody tr td:first-child').allTextContents()).map(
      (t) => t.trim().toLowerCase(),
    );
    expect(names).toHaveLength(31);
    expect(names).toEqual([...names].sort());
    expect(await page.locator('#hosts th', { hasText: 'Name' }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    await page.locator('#hosts th a', { hasText: 'Name' }).click();
    await page.waitForURL(/sort=name&dir=desc/);
    const reversed = (await page.locator('#hosts tbody tr td:first-child').allTextContents()).map(
      (t) => t.trim().toLowerCase(),
    );
    expect(reversed).toEqual([...names].reverse());
    // Filtering keeps the chosen order.
    await page.getByLabel('Search').fill('mac-');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/q=mac-/);
    expect(page.url()).toContain('sort=name');
  });

  it("visits a host's page from the hosts table, with nothing clipped", async () => {
    await page.goto(`${base}/hosts?q=mac-A2`);
    await page.getByRole('link', { name: 'mac-A2' }).click();
    await page.waitForURL(/\/hosts\/[^?]+$/);
    expect((await page.locator('h1').textContent())?.trim()).toBe('mac-A2');
    const products = page.locator('#host-products tbody tr');
    expect(await products.count()).toBeGreaterThan(0);
    expect(await page.locator('#host-products .badge-overdue').count()).toBeGreaterThan(0);
    expect(await products.first().textContent()).toContain('→');
    expect(await page.getByRole('link', { name: 'alice@example.com' }).count()).toBeGreaterThan(0);
    // Every table fits its card: no column hidden behind a horizontal scrollbar.
    type Box = { scrollWidth: number; clientWidth: number };
    // On a small window too (960 px): long serials, emails and names wrap inside their cells.
    await page.setViewportSize({ width: 960, height: 800 });
    for (const path of [page.url(), `${base}/hosts`, `${base}/`]) {
      await page.goto(path);
      const boxes = await page
        .locator('.table-wrap')
        .evaluateAll((els) =>
          (els as unknown as Box[]).map((e) => ({ scroll: e.scrollWidth, client: e.clientWidth })),
        );
      for (const b of boxes) expect(b.scroll, path).toBeLessThanOrEqual(b.client);
    }
    await page.setViewportSize({ width: 1360, height: 900 });
  });

  it('visits a host, sorts the hosts table by a header and downloads it as CSV with its rows', async () => {
    await page.goto(`${base}/hosts?q=mac-B1`);
    await page.getByRole('link', { name: 'mac-B1' }).click();
    await page.waitForURL(/\/hosts\/[^?]+$/);
    expect((await page.locator('h1').textContent())?.trim()).toBe('mac-B1');
    await page.getByRole('link', { name: 'Hosts', exact: true }).first().click();
    await page.waitForURL(`${base}/hosts`);

    const cells = async (n: number): Promise<string[]> =>
      (await page.locator(`#hosts tbody tr td:nth-child(${n})`).allTextContents()).map((t) =>
        t.trim(),
      );
    const before = await cells(1);
    await page.locator('#hosts th a', { hasText: 'Last seen' }).click();
    await page.waitForURL(/sort=seen&dir=desc/);
    const bySeen = await cells(1);
    expect(bySeen).not.toEqual(before);
    expect([...bySeen].sort()).toEqual([...before].sort());
    // Narrowed to overdue hosts, still in that order: the download must carry both.
    await page.getByLabel('Status').selectOption('overdue');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=overdue/);
    const shown = await cells(1);
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.length).toBeLessThan(before.length);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('patchbay-hosts-2026-08-25.csv');
    const rows: unknown = parse(readFileSync(await download.path()));
    const [header, ...body] = rows as string[][];
    expect(header?.slice(0, 3)).toEqual(['id', 'name', 'serial']);
    expect(body.map((r) => r[1])).toEqual(shown);
    const status = header?.indexOf('status') ?? -1;
    expect(body.map((r) => r[status])).toEqual(await cells(5));
    expect(body.every((r) => r[status] === 'overdue')).toBe(true);
  });

  it('runs a job from the jobs page', async () => {
    await page.goto(`${base}/jobs`);
    await page
      .locator('tr', { hasText: 'sync-feeds' })
      .getByRole('button', { name: 'Run now' })
      .click();
    await page.waitForURL(/ran=sync-feeds/);
    expect(await page.getByRole('status').textContent()).toContain('sync-feeds was started');
    expect(kit.jobs.ran).toEqual(['sync-feeds']);
  });
});
