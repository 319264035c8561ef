import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/output.js';
import { loadSnapshots } from '../../src/compliance/snapshots.js';
import { renderInboxPage } from './inbox-page.js';
import { runDemo, type DemoRun } from './run-demo.js';

describe('patchbay demo on a small generated fleet', () => {
  let dir: string;
  let run: DemoRun;
  const progress: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-demo-'));
    const io: Io = {
      out: () => undefined,
      err: (t) => void progress.push(t),
      isTty: false,
      env: {},
    };
    run = await runDemo(io, { dbPath: join(dir, 'demo.db'), hosts: 60, people: 40, seed: 3 });
  }, 120_000);
  afterAll(async () => {
    await run.ctx.close();
    await run.world.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('walks through the four steps and evaluates every computer', () => {
    expect(progress.join('')).toMatch(/1\/4[\s\S]*2\/4[\s\S]*3\/4[\s\S]*4\/4/);
    expect(run.summary.hosts).toBe(60);
    const findings = Object.values(run.summary.findings).reduce((a, b) => a + b, 0);
    // Every computer has at least its OS or Chrome evaluated.
    expect(findings).toBeGreaterThanOrEqual(60);
    expect(run.summary.historyChanges).toBeGreaterThan(60);
  });

  it('sends one DM per person who has something to hear, and nothing twice', () => {
    const dms = run.world.slack.inbox().filter((m) => m.recipient);
    const recipients = dms.map((m) => m.recipient);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(dms.length).toBe(run.summary.digestsSent);
    expect(run.summary.digestsSent).toBeGreaterThan(0);
  });

  it('leaves months of compliance trend behind', async () => {
    const days = new Set((await loadSnapshots(run.ctx.db, '2000-01-01')).map((s) => s.day));
    expect(days.size).toBeGreaterThan(30);
  });

  it('renders the Slack inbox as a page, escaping what it shows', () => {
    const html = renderInboxPage(
      [
        ...run.world.slack.inbox(),
        {
          channel: 'D1',
          recipient: 'U1',
          ts: '1.0',
          text: '<script>alert(1)</script>',
          blocks: null,
          metadata: null,
        },
      ],
      (id) => run.people.get(id) ?? id,
    );
    expect(html).toContain('Updates needed');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;');
  });
});
