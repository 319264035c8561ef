import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackUser } from '../integrations/slack/slack-client.js';
import type { PostMessageInput, PostMessageResult } from '../integrations/slack/outcome.js';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { generatedView, type GeneratedPerson } from './__fixtures__/generated-view.js';
import { DELIVERY_CONCURRENCY, runReminderCycle, type CycleDeps } from './cycle.js';
import type { SlackPort } from './slack-port.js';
import { ReminderStore } from './store.js';

const NOW = new Date('2026-08-25T12:00:00Z');
const log = pino({ level: 'silent' });

/**
 * A Slack that answers like the real one (a post to a user id lands in their DM and answers its
 * D… id) and counts calls. With `holdPosts`, each post waits until as many posts are in flight
 * as could be, then all go at once: a cycle that posts one at a time never gets past the first
 * (that test then fails on its timeout).
 */
class FakeSlack implements SlackPort {
  readonly calls = new Map<string, number>();
  readonly posts: { to: string; channel: string; key: unknown }[] = [];
  maxInFlight = 0;
  loseNextAnswer = false;
  private inFlight = 0;
  private released = 0;
  private waiting: (() => void)[] = [];
  private readonly dms = new Map<string, string>();

  constructor(
    private readonly people: readonly GeneratedPerson[],
    private readonly holdPosts = 0,
  ) {}

  private count(method: string): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
  }

  private dmOf(userId: string): string {
    const dm = this.dms.get(userId) ?? `D${userId.slice(1)}`;
    this.dms.set(userId, dm);
    return dm;
  }

  private user(p: GeneratedPerson): SlackUser {
    const name = p.email.split('@')[0] ?? null;
    return { id: p.slackUserId, name, email: p.email, tz: 'UTC', deleted: false, isBot: false };
  }

  lookupByEmail(email: string) {
    this.count('users.lookupByEmail');
    const p = this.people.find((x) => x.email === email);
    return Promise.resolve(
      p
        ? { ok: true as const, value: this.user(p) }
        : { ok: false as const, error: 'users_not_found' as const },
    );
  }

  usersList() {
    this.count('users.list');
    return Promise.resolve({ users: this.people.map((p) => this.user(p)) });
  }

  openDm(userId: string) {
    this.count('conversations.open');
    return Promise.resolve({ ok: true as const, value: this.dmOf(userId) });
  }

  async postMessage(input: PostMessageInput): Promise<PostMessageResult> {
    this.count('chat.postMessage');
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (this.holdPosts > 0) await this.holdUntilFull();
    this.inFlight--;
    const channel = input.channel.startsWith('U') ? this.dmOf(input.channel) : input.channel;
    const ts = `${1_756_000_000 + this.posts.length}.000100`;
    this.posts.push({ to: input.channel, channel, key: input.metadata?.event_payload['key'] });
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      return { status: 'unknown', error: 'E_HTTP_TIMEOUT' };
    }
    return { status: 'sent', channel, ts };
  }

  private holdUntilFull(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      const left = this.people.length - this.released;
      if (this.waiting.length >= Math.min(this.holdPosts, left)) {
        this.released += this.waiting.length;
        for (const go of this.waiting.splice(0)) go();
      }
    });
  }

  findMessageByMetadata(channel: string, _type: string, key: string) {
    this.count('conversations.history');
    const hit = this.posts.findIndex((p) => p.channel === channel && p.key === key);
    return Promise.resolve(hit < 0 ? null : { ts: `${1_756_000_000 + hit}.000100`, channel });
  }
}

describe.each(DIALECTS)('reminder delivery on $name', ({ open }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(n: number, holdPosts = 0) {
    const t: TestDb = await open();
    cleanups.push(() => t.cleanup());
    const { view, people } = generatedView(n);
    const slack = new FakeSlack(people, holdPosts);
    const store = new ReminderStore(t.db);
    const deps: CycleDeps = {
      store,
      slack,
      log,
      now: () => NOW,
      config: {
        reminders: {
          cadence: 'weekly',
          day: 'tuesday',
          hours: '10:00-16:00',
          snoozeDays: [1, 3, 7],
          escalateAfterDays: 7,
          defaultTz: 'UTC',
          howToUpdate: {},
        },
        slack: {
          token: 'xoxb-test',
          signingSecret: null,
          apiUrl: 'http://slack.invalid/api/',
          adminChannel: null,
        },
      },
      findings: () => Promise.resolve(view),
    };
    return { deps, slack, store, people, t };
  }

  it('has several digests in flight at once, each person still sent exactly one', async () => {
    const n = DELIVERY_CONCURRENCY * 3 + 2;
    const { deps, slack } = await setup(n, DELIVERY_CONCURRENCY);
    const progress: number[] = [];
    const summary = await runReminderCycle(deps, {
      ignoreSchedule: true,
      onProgress: (done) => progress.push(done),
    });
    expect(slack.maxInFlight).toBe(DELIVERY_CONCURRENCY);
    expect(summary.people.map((p) => p.outcome)).toEqual(Array.from({ length: n }, () => 'sent'));
    expect(new Set(slack.posts.map((p) => p.key)).size).toBe(n);
    expect(slack.posts).toHaveLength(n);
    expect(progress.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('posts a new person’s digest to their user id with no conversations.open, and keeps the DM id', async () => {
    const { deps, slack, store, people, t } = await setup(3);
    await runReminderCycle(deps, { ignoreSchedule: true });
    expect(slack.calls.get('conversations.open') ?? 0).toBe(0);
    // Deliveries run concurrently: the order they land in is not the order people were listed.
    expect(slack.posts.map((p) => p.to).sort()).toEqual(people.map((p) => p.slackUserId).sort());
    const stored = await store.people(people.map((p) => p.email));
    expect(people.map((p) => stored.get(p.email)?.dmChannelId)).toEqual(
      people.map((p) => `D${p.slackUserId.slice(1)}`),
    );
    const rows = await t.db.kysely
      .selectFrom('digests')
      .select(['email', 'status', 'channel_id'])
      .orderBy('email')
      .execute();
    expect(rows).toEqual(
      people.map((p) => ({
        email: p.email,
        status: 'sent',
        channel_id: `D${p.slackUserId.slice(1)}`,
      })),
    );
  });

  it('opens the DM only to look up a digest whose answer was lost, and does not resend it', async () => {
    const { deps, slack, store, people } = await setup(1);
    slack.loseNextAnswer = true;
    const summary = await runReminderCycle(deps, { ignoreSchedule: true });
    expect(summary.people.map((p) => p.outcome)).toEqual(['recovered']);
    expect(slack.posts).toHaveLength(1);
    expect(slack.calls.get('conversations.open')).toBe(1);
    const person = (await store.people([people[0]?.email ?? ''])).values().next().value;
    expect(person?.dmChannelId).toBe(slack.posts[0]?.channel);
    // A later run in the same cycle finds it sent: no second post, no second open.
    await runReminderCycle(deps, { ignoreSchedule: true });
    expect([slack.posts.length, slack.calls.get('conversations.open')]).toEqual([1, 1]);
  });
});
