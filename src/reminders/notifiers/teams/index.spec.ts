import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TeamsWebhookStandIn } from '../../../../sandbox/teams/server.js';
import { HttpClient } from '../../../platform/http-client/http-client.js';
import { PatchbayError } from '../../../platform/errors/errors.js';
import { composeAdminSummary, type TeamsCardMessage } from '../../admin-summary.js';
import { TeamsNotifier } from './index.js';
import { teamsOptionsSchema } from './schema.js';

const SIG = 'zQ9-super-secret-signature';
let teams: TeamsWebhookStandIn;
let url: string;
let lines: string[];

const http = new HttpClient({
  timeoutMs: 5000,
  userAgent: 'patchbay-test',
  sleep: () => Promise.resolve(),
});
function notifier(webhookUrl = url): TeamsNotifier {
  const sink = new Writable({
    write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()),
  });
  return new TeamsNotifier({ http, webhookUrl, log: pino({ level: 'trace' }, sink) });
}

const summary = composeAdminSummary({
  cycle: '2026-W48',
  sent: 3,
  failed: [],
  skipped: 1,
  overdueByProduct: [],
  escalations: [],
});

beforeEach(async () => {
  lines = [];
  teams = new TeamsWebhookStandIn({ sig: SIG });
  url = await teams.listen();
});
afterEach(() => teams.close());

describe('TeamsNotifier', () => {
  it('posts the admin summary card, which the webhook accepts with 202', async () => {
    expect(await notifier().send(summary.teams)).toEqual({ status: 202 });
    expect(teams.received).toEqual([{ body: summary.teams, contentType: 'application/json' }]);
    expect(lines.join('')).toContain('Teams card posted');
  });

  it.each<[string, () => Promise<unknown>, number]>([
    ['a forged signature', () => notifier(url.replace(SIG, 'forged')).send(summary.teams), 401],
    [
      'a card Workflows refuses',
      () => notifier().send({ ...summary.teams, type: 'card' } as unknown as TeamsCardMessage),
      400,
    ],
  ])('throws a coded error on %s without leaking the URL', async (_name, act, status) => {
    const err = await act().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PatchbayError);
    expect((err as PatchbayError).code).toBe('E_HTTP_STATUS');
    expect((err as PatchbayError).details['status']).toBe(status);
    const visible = [
      (err as Error).message,
      JSON.stringify((err as PatchbayError).details),
      ...lines,
    ].join('\n');
    expect(visible).toContain('sig=****');
    expect(visible).not.toContain(SIG);
    expect(lines.join('')).toContain('Teams card not posted');
  });

  it('never retries a POST, even on 429 or 503', async () => {
    teams.failNext({ status: 503 }, 1);
    await expect(notifier().send(summary.teams)).rejects.toMatchObject({ code: 'E_HTTP_STATUS' });
    expect(teams.statuses).toEqual([503]);
    expect(teams.received).toHaveLength(0);
  });

  it('never logs the webhook URL on success', async () => {
    await notifier().send(summary.teams);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain(SIG);
    expect(lines.join('')).not.toContain('/workflows/');
  });

  it.each([
    [
      'an https URL',
      'https://prod-00.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke?sig=a',
      true,
    ],
    ['not a URL', 'teams-webhook', false],
    ['a javascript: URL', 'javascript:alert(1)', false],
  ])('options accept %s: %s', (_name, webhookUrl, ok) => {
    expect(teamsOptionsSchema.safeParse({ webhookUrl }).success).toBe(ok);
  });

  it('has the id of its folder', () => {
    expect(TeamsNotifier.id).toBe('teams');
  });
});
