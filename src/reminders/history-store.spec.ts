import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import type { PostMessageResult } from '../integrations/slack/outcome.js';
import { deliverDigest } from './deliver.js';
import { ReminderHistoryStore, type HistoryEntry } from './history-store.js';
import type { DigestMessage } from './model.js';
import type { SlackPort } from './slack-port.js';
import { ReminderStore } from './store.js';

const NOW = new Date('2026-09-01T10:00:00Z');
const DAY = 86_400_000;
const ADA = 'ada@example.com';
const log = pino({ level: 'silent' });
const at = (daysAgo: number): Date => new Date(NOW.getTime() - daysAgo * DAY);

const message = (key: string): DigestMessage => ({
  text: 'Updates needed',
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }],
  metadata: { event_type: 'patchbay_digest', event_payload: { key, person: ADA, cycle: 'c' } },
  actions: [],
});

/** A Slack whose chat.postMessage answers each of `answers` in turn. */
function slackAnswering(answers: PostMessageResult[]): SlackPort {
  return {
    postMessage: () =>
      Promise.resolve(answers.shift() ?? { status: 'sent', ts: '9.9', channel: 'D1' }),
  } as unknown as SlackPort;
}

async function deliver(
  store: ReminderStore,
  cycle: string,
  when: Date,
  answers: PostMessageResult[],
): Promise<void> {
  await deliverDigest(
    { store, slack: slackAnswering(answers), log, now: () => when },
    {
      key: `${ADA}/${cycle}`,
      email: ADA,
      cycle,
      userId: 'U1',
      dmChannelId: 'D1',
      message: message(`${ADA}/${cycle}`),
      items: 3,
      maxDaysOverdue: 4,
    },
  );
}

describe.each(DIALECTS)('reminder history of one person on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  async function stores(): Promise<{ store: ReminderStore; history: ReminderHistoryStore }> {
    t = await open();
    return { store: new ReminderStore(t.db), history: new ReminderHistoryStore(t.db) };
  }

  it('lists DMs with each failed attempt, snoozes, claims and the Slack look-up, newest first', async () => {
    const { store, history } = await stores();
    // Rate-limited, then sent on the next run: the row's last_error is cleared, the failure kept.
    await deliver(store, '2026-W33', at(20), [
      { status: 'failed', error: 'ratelimited', retryable: true },
    ]);
    await deliver(store, '2026-W33', at(19), []);
    await deliver(store, '2026-W34', at(10), [
      { status: 'failed', error: 'channel_not_found', retryable: false },
    ]);
    await store.snooze({
      email: ADA,
      hostId: 'h1',
      products: ['chrome'],
      until: at(2),
      now: at(5),
    });
    await store.claimUpdated({ email: ADA, hostId: 'h2', cycle: '2026-W34', now: at(4) });
    const [claim] = await store.openClaims();
    await store.resolveClaim(claim!.id, at(3), 'confirmed');
    await store.savePerson({
      email: ADA,
      slack_error: 'users_not_found',
      looked_up_at: at(1).toISOString(),
    });
    // Someone else's rows never show.
    await store.snooze({
      email: 'bob@example.com',
      hostId: 'h9',
      products: ['macos'],
      until: NOW,
      now: at(1),
    });

    const entries = await history.personHistory(ADA, NOW);
    expect(entries).toEqual<HistoryEntry[]>([
      { kind: 'lookup', at: at(1).toISOString(), error: 'users_not_found' },
      {
        kind: 'claim',
        at: at(4).toISOString(),
        hostId: 'h2',
        resolvedAt: at(3).toISOString(),
        outcome: 'confirmed',
      },
      {
        kind: 'snooze',
        at: at(5).toISOString(),
        hostId: 'h1',
        product: 'chrome',
        until: at(2).toISOString(),
      },
      {
        kind: 'digest',
        at: at(10).toISOString(),
        cycle: '2026-W34',
        status: 'failed',
        items: 3,
        maxDaysOverdue: 4,
        lastError: 'channel_not_found',
        failures: [{ at: at(10).toISOString(), error: 'channel_not_found', retryable: false }],
      },
      {
        kind: 'digest',
        at: at(19).toISOString(),
        cycle: '2026-W33',
        status: 'sent',
        items: 3,
        maxDaysOverdue: 4,
        lastError: null,
        failures: [{ at: at(20).toISOString(), error: 'ratelimited', retryable: true }],
      },
    ]);
  });

  it('keeps to the window and the entry limit', async () => {
    const { store, history } = await stores();
    await deliver(store, 'old', at(100), []);
    for (let i = 0; i < 5; i++) await deliver(store, `c${i}`, at(10 - i), []);
    const all = await history.personHistory(ADA, NOW);
    expect(all.map((e) => (e.kind === 'digest' ? e.cycle : e.kind))).toEqual([
      'c4',
      'c3',
      'c2',
      'c1',
      'c0',
    ]);
    const two = await history.personHistory(ADA, NOW, { entries: 2 });
    expect(two.map((e) => (e.kind === 'digest' ? e.cycle : e.kind))).toEqual(['c4', 'c3']);
    expect(await history.personHistory('nobody@example.com', NOW)).toEqual([]);
  });
});
