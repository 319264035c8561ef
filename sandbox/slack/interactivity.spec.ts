import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySlackRequest } from '../../src/integrations/slack/verify-request.js';
import { signSlackBody } from './interactivity.js';
import { SlackStandIn } from './server.js';

const SECRET = 'app-signing-secret';
const NOW = 1_700_000_000_000;

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let app: Server;
let appUrl: string;
let received: Received[];
let slack: SlackStandIn;

beforeEach(async () => {
  received = [];
  app = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/interactions`;
  slack = new SlackStandIn({
    users: [{ id: 'U001', email: 'a@x.io', name: 'ada' }],
    now: () => NOW,
  });
});
afterEach(async () => {
  app.closeAllConnections();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});

function verify(r: Received, nowMs = NOW): ReturnType<typeof verifySlackRequest> {
  return verifySlackRequest({
    signingSecret: SECRET,
    timestampHeader: r.headers['x-slack-request-timestamp'] as string | undefined,
    signatureHeader: r.headers['x-slack-signature'] as string | undefined,
    rawBody: r.body,
    nowMs,
  });
}

describe('signSlackBody', () => {
  it("matches Slack's published signing example", () => {
    const ex = JSON.parse(
      readFileSync(
        new URL('../../src/integrations/slack/__fixtures__/signing-example.json', import.meta.url),
        'utf8',
      ),
    ) as { signingSecret: string; timestamp: string; body: string; signature: string };
    expect(signSlackBody(ex.signingSecret, ex.timestamp, ex.body)).toBe(ex.signature);
  });
});

describe('SlackStandIn.clickButton', () => {
  it('posts a signed, form-encoded block_actions payload about the clicked message', async () => {
    const blocks = [
      {
        type: 'actions',
        block_id: 'host-1',
        elements: [
          {
            type: 'button',
            action_id: 'patchbay_snooze_3',
            text: { type: 'plain_text', text: 'Snooze 3 days' },
            value: 'v1',
          },
        ],
      },
    ];
    slack.workspace.openDm('U001');
    const message = slack.workspace.post(slack.workspace.dmOf('U001') ?? '', NOW, {
      text: 'hi',
      blocks,
      metadata: null,
    });
    const res = await slack.clickButton({
      url: appUrl,
      signingSecret: SECRET,
      user: 'U001',
      actionId: 'patchbay_snooze_3',
      value: 'v1',
    });
    expect(res.status).toBe(200);
    const [r] = received;
    if (!r) throw new Error('nothing received');
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(r.headers['x-slack-request-timestamp']).toBe('1700000000');
    expect(verify(r)).toEqual({ ok: true });
    const payload = JSON.parse(new URLSearchParams(r.body).get('payload') ?? '{}') as Record<
      string,
      unknown
    >;
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U001', team_id: 'T0PATCHBAY' },
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
      channel: { id: message.channel },
      message: { ts: message.ts, blocks },
      actions: [
        {
          type: 'button',
          action_id: 'patchbay_snooze_3',
          block_id: 'host-1',
          value: 'v1',
          text: { type: 'plain_text', text: 'Snooze 3 days' },
        },
      ],
    });
  });

  it.each([
    ['a stale click', { timestampSeconds: NOW / 1000 - 600 }, { ok: false, reason: 'stale' }],
    [
      'a click from the future',
      { timestampSeconds: NOW / 1000 + 600 },
      { ok: false, reason: 'stale' },
    ],
    [
      'a forged signature',
      { signature: `v0=${'0'.repeat(64)}` },
      { ok: false, reason: 'bad-signature' },
    ],
    ['the wrong secret', { signingSecret: 'other' }, { ok: false, reason: 'bad-signature' }],
  ])('can send %s, which the verifier rejects', async (_name, change, expected) => {
    await slack.clickButton({
      url: appUrl,
      signingSecret: SECRET,
      user: 'U001',
      actionId: 'patchbay_updated',
      value: 'v',
      ...change,
    });
    const [r] = received;
    if (!r) throw new Error('nothing received');
    expect(verify(r)).toEqual(expected);
  });
});
