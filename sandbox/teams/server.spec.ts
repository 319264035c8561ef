import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TeamsWebhookStandIn } from './server.js';

const SIG = 'S3cr3t-Sig_value';
const card = {
  type: 'message',
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.4',
        body: [{ type: 'TextBlock', text: 'hi' }],
      },
    },
  ],
};

let teams: TeamsWebhookStandIn;
let url: string;
beforeEach(async () => {
  teams = new TeamsWebhookStandIn({ sig: SIG });
  url = await teams.listen();
});
afterEach(() => teams.close());

async function post(
  target: string,
  body: string,
  contentType = 'application/json',
): Promise<{ status: number; text: string }> {
  const res = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: res.status, text: await res.text() };
}

describe('TeamsWebhookStandIn', () => {
  it('accepts an adaptive card message with 202 and an empty body, and records it', async () => {
    expect(url).toMatch(
      /\/workflows\/[0-9a-f]+\/triggers\/manual\/paths\/invoke\?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1\.0&sig=/,
    );
    expect(await post(url, JSON.stringify(card))).toEqual({ status: 202, text: '' });
    expect(teams.received).toEqual([{ body: card, contentType: 'application/json' }]);
  });

  const withCard = (patch: (c: typeof card) => unknown): string =>
    JSON.stringify(patch(structuredClone(card)));
  it.each([
    [
      'a form-encoded body',
      'a=1',
      'application/x-www-form-urlencoded',
      400,
      'InvalidRequestContent',
    ],
    ['broken JSON', '{"type":', 'application/json', 400, 'InvalidRequestContent'],
    [
      'a MessageCard',
      JSON.stringify({ '@type': 'MessageCard', text: 'x' }),
      'application/json',
      400,
      'TriggerInputSchemaMismatch',
    ],
    [
      'no attachments',
      withCard((c) => ({ ...c, attachments: [] })),
      'application/json',
      400,
      'TriggerInputSchemaMismatch',
    ],
    [
      'a hero card',
      withCard((c) => ({
        ...c,
        attachments: [{ ...c.attachments[0], contentType: 'application/vnd.microsoft.card.hero' }],
      })),
      'application/json',
      400,
      'TriggerInputSchemaMismatch',
    ],
    [
      'a card whose type is wrong',
      withCard((c) => ({
        ...c,
        attachments: [
          { ...c.attachments[0], content: { ...c.attachments[0]?.content, type: 'Card' } },
        ],
      })),
      'application/json',
      400,
      'TriggerInputSchemaMismatch',
    ],
    [
      'a card version 2.0',
      withCard((c) => ({
        ...c,
        attachments: [
          { ...c.attachments[0], content: { ...c.attachments[0]?.content, version: '2.0' } },
        ],
      })),
      'application/json',
      400,
      'TriggerInputSchemaMismatch',
    ],
    [
      'an element without type',
      withCard((c) => ({
        ...c,
        attachments: [
          { ...c.attachments[0], content: { ...c.attachments[0]?.content, body: [{ text: 'x' }] } },
        ],
      })),
      'application/json',
      400,
      'TriggerInputSchemaMismatch',
    ],
    [
      'over 28 KB',
      JSON.stringify({ ...card, pad: 'x'.repeat(29 * 1024) }),
      'application/json',
      413,
      'MessageTooLarge',
    ],
  ])('refuses %s', async (_name, body, contentType, status, code) => {
    const res = await post(url, body, contentType);
    expect(res.status).toBe(status);
    expect((JSON.parse(res.text) as { error: { code: string } }).error.code).toBe(code);
    expect(teams.received).toHaveLength(0);
  });

  it.each([
    [
      'a wrong sig',
      (u: string) => u.replace(`sig=${SIG}`, 'sig=forged'),
      401,
      'DirectApiInvalidAuthorizationSignature',
    ],
    ['no sig', (u: string) => u.replace(`&sig=${SIG}`, ''), 401, 'DirectApiAuthorizationRequired'],
    [
      'another workflow',
      (u: string) => u.replace('/workflows/', '/workflows/0'),
      404,
      'WorkflowNotFound',
    ],
  ])('answers %s with %d', async (_name, mutate, status, code) => {
    const res = await post(mutate(url), JSON.stringify(card));
    expect(res.status).toBe(status);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code } });
  });

  it('fails the next POSTs on demand, then accepts again', async () => {
    teams.failNext({ status: 429, retryAfter: 5 }, 2);
    const first = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(card),
    });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('5');
    expect((await post(url, JSON.stringify(card))).status).toBe(429);
    expect((await post(url, JSON.stringify(card))).status).toBe(202);
    expect(teams.statuses).toEqual([429, 429, 202]);
    expect(teams.received).toHaveLength(1);
  });
});
