import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fleet, GROUPS_NOW, seedGroupFleet } from '../../compliance/__fixtures__/tti-groups.js';
import { createContext } from '../../context.js';
import { loadConfig } from '../../platform/config/load.js';
import { optionTable } from '../../platform/config/load-from-disk.js';
import { openDatabase } from '../../platform/db/db.js';
import { migrate } from '../../platform/db/migrate.js';
import { DEFAULT_CONTROL_GROUP_SALT, inControlGroup } from '../../reminders/control-group.js';
import { run } from '../main.js';
import type { Io } from '../output.js';
import { CONTROL_GROUP_OFF, reportTti, type TtiReportRow } from './report-tti.js';

const log = pino({ level: 'silent' });
const SHARE = 0.2;
const isControl = (e: string): boolean => inControlGroup(e, SHARE, DEFAULT_CONTROL_GROUP_SALT);

/** `patchbay report --tti` with the reminders control group on and off, on a simulated fleet. */
describe('patchbay report --tti with a control group', () => {
  let dir: string;
  let url: string;
  const cleanups: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-tti-groups-'));
    url = `sqlite:${join(dir, 'pb.db')}`;
    const db = openDatabase(url);
    await migrate(db);
    // Membership is the real draw on each owner: control people's Macs install in ~7 days, the
    // others' in ~2.
    await seedGroupFleet(
      db,
      fleet(1_500, 2, 7, 5, (i) => `person${i}@example.com`, isControl),
    );
    await db.close();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    rmSync(dir, { recursive: true, force: true });
  });

  async function report(share: string, json = false): Promise<string> {
    const env = {
      PATCHBAY_DATABASE__URL: url,
      PATCHBAY_LOG__LEVEL: 'silent',
      PATCHBAY_REMINDERS__CONTROL_GROUP: share,
    };
    const loaded = loadConfig(optionTable(), { text: null, path: null, env, readFile: () => '' });
    const ctx = await createContext(loaded, { now: () => GROUPS_NOW, log });
    cleanups.push(() => ctx.close());
    let out = '';
    const io: Io = { out: (t) => (out += t), err: () => undefined, isTty: false, env: {} };
    await reportTti(ctx, io, { json });
    return out;
  }

  it('is what `patchbay report --tti` prints through the CLI entry', async () => {
    let out = '';
    const env = {
      PATCHBAY_DATABASE__URL: url,
      PATCHBAY_LOG__LEVEL: 'silent',
      PATCHBAY_REMINDERS__CONTROL_GROUP: String(SHARE),
    };
    const io: Io = { out: (t) => (out += t), err: () => undefined, isTty: false, env };
    const code = await run(
      ['node', 'patchbay', 'report', '--tti', '--as-of', GROUPS_NOW.toISOString()],
      io,
    );
    expect(code).toBe(0);
    expect(out).toBe(await report(String(SHARE)));
  });

  it('prints the comparison and its verdict under the table', async () => {
    const text = await report(String(SHARE));
    expect(text).toContain('reminded inst/hosts');
    expect(text).toMatch(
      /macos 15\.7\.8: reminded hosts install faster: median 1\.\d d vs [45]\.\d d \(difference \d\.\d d, 95% CI \d\.\d d to \d\.\d d\); log-rank p = < 0\.001/,
    );
    expect(text).toContain(
      'Reminders control group: 20% of people get no DMs except for actively exploited fixes',
    );
    expect(text).not.toContain(CONTROL_GROUP_OFF);
  });

  it('gives the comparison per release in --json', async () => {
    const rows = JSON.parse(await report(String(SHARE), true)) as TtiReportRow[];
    expect(rows.map((r) => r.version)).toEqual(['15.7.8']);
    const cmp = rows[0]?.controlGroup;
    expect(cmp?.verdict).toBe('reminded-faster');
    expect(cmp?.interval?.low).toBeGreaterThan(0);
    expect((cmp?.control.hosts ?? 0) + (cmp?.reminded.hosts ?? 0)).toBe(1_350);
  });

  it('says how to turn it on when it is off, and adds nothing to --json', async () => {
    const text = await report('0');
    expect(text).toContain(CONTROL_GROUP_OFF);
    expect(text).not.toContain('reminded inst/hosts');
    const rows = JSON.parse(await report('0', true)) as TtiReportRow[];
    expect(rows[0]?.controlGroup).toBeUndefined();
  });
});
