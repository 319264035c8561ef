/**
 * The dashboard in a real browser: Debian's chromium driven by playwright-core against the app
 * listening on a free local port with a seeded SQLite database. Saves test-results/overview.png.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, seedScenario } from '../../test/reminder-scenario.js';
import { ensureSetupCode } from './routes.js';
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

describe('dashboard in chromium', () => {
  let kit: Kit;
  let base: string;
  let browser: Browser;
  let page: Page;
  let code: string;

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
  });
  afterAll(async () => {
    await browser?.close();
    await kit?.close();
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
