import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { SlackRateLimiter, type LimiterClock } from './rate-limiter.js';
import {
  orThrow,
  parseOrThrow,
  postResultOf,
  type Outcome,
  type PersonResult,
  type PostMessageInput,
  type PostMessageResult,
} from './outcome.js';
import {
  conversationsOpenSchema,
  historyPageSchema,
  userAnswerSchema,
  usersListPageSchema,
} from './schema.js';
import {
  fromWireUser,
  parseSlackUser,
  type SlackUser,
  type SlackUserIssue,
} from './slack-users.js';
import { webClientLogger } from './web-client-logger.js';
import { classifyWebApiError, isPersonError } from './slack-errors.js';

export type { SlackUser, SlackUserIssue } from './slack-users.js';
export type {
  PersonResult,
  PostMessageInput,
  PostMessageResult,
  SlackMessageMetadata,
} from './outcome.js';

export interface SlackClientOptions {
  readonly token: string;
  /** Web API base URL (`slack.apiUrl`), e.g. the stand-in's `http://127.0.0.1:PORT/api/`. */
  readonly apiUrl?: string;
  readonly logger: Logger;
  /** Shared across clients of one workspace so they share its quota; built from `clock` if absent. */
  readonly limiter?: SlackRateLimiter;
  readonly clock?: LimiterClock;
  /** How many 429s one call may meet before it gives up with `ratelimited`. */
  readonly maxRateLimitRetries?: number;
  readonly timeoutMs?: number;
  /** Told of every 429 Slack answers (for the metrics), before the call waits and retries. */
  readonly onRateLimited?: (method: string, retryAfterSeconds: number) => void;
}

/**
 * Slack Web API calls Patchbay makes, over @slack/web-api's WebClient with its own retries off:
 * a retried chat.postMessage can post twice. Every call waits on our limiter; a 429 pauses the
 * method for Retry-After and is retried here (a 429 means Slack did nothing), up to a bound.
 */
export class SlackClient {
  private readonly web: WebClient;
  private readonly limiter: SlackRateLimiter;
  private readonly maxRateLimitRetries: number;
  private readonly onRateLimited: SlackClientOptions['onRateLimited'];

  constructor(options: SlackClientOptions) {
    this.limiter =
      options.limiter ?? new SlackRateLimiter(options.clock ? { clock: options.clock } : {});
    this.maxRateLimitRetries = options.maxRateLimitRetries ?? 5;
    this.onRateLimited = options.onRateLimited;
    this.web = new WebClient(options.token, {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: options.timeoutMs ?? 15_000,
      logger: webClientLogger(options.logger),
    });
  }

  /** users.lookupByEmail (Tier 3). */
  async lookupByEmail(email: string): Promise<PersonResult<SlackUser>> {
    return this.personCall('users.lookupByEmail', { email }, (d) =>
      toUserOrThrow('users.lookupByEmail', d),
    );
  }

  /** users.info (Tier 4): the person's time zone lives in `tz`. */
  async usersInfo(userId: string): Promise<PersonResult<SlackUser>> {
    return this.personCall('users.info', { user: userId }, (d) => toUserOrThrow('users.info', d));
  }

  /** conversations.open (Tier 3) with one user: the DM channel id, the same on every call. */
  async openDm(userId: string): Promise<PersonResult<string>> {
    return this.personCall(
      'conversations.open',
      { users: userId },
      (d) => parseOrThrow('conversations.open', conversationsOpenSchema, d).channel.id,
    );
  }

  /** users.list (Tier 2), every page: many unknown people resolved in a few calls. */
  async usersList(pageSize = 200): Promise<{ users: SlackUser[]; issues: SlackUserIssue[] }> {
    const users: SlackUser[] = [];
    const issues: SlackUserIssue[] = [];
    let cursor: string | undefined;
    let seen = 0;
    do {
      const data = orThrow(
        'users.list',
        await this.call('users.list', { limit: pageSize, cursor }),
      );
      const page = parseOrThrow('users.list', usersListPageSchema, data);
      for (const member of page.members) {
        const parsed = parseSlackUser(member, `users.list[${seen++}]`);
        if ('issue' in parsed) issues.push(parsed.issue);
        else users.push(parsed.user);
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return { users, issues };
  }

  /** chat.postMessage with metadata; never throws, see PostMessageResult for what each status means. */
  async postMessage(input: PostMessageInput): Promise<PostMessageResult> {
    const args = {
      channel: input.channel,
      text: input.text,
      blocks: input.blocks,
      metadata: input.metadata,
    };
    return postResultOf(await this.call('chat.postMessage', args, input.channel));
  }

  /**
   * conversations.history (Tier 3) since `oldestTs`, looking for a message whose metadata has
   * `eventType` and `event_payload.key === key`. Throws when history cannot be read: then the
   * caller cannot tell, and must not resend.
   */
  async findMessageByMetadata(
    channel: string,
    eventType: string,
    key: string,
    oldestTs: string,
  ): Promise<{ ts: string; channel: string } | null> {
    let cursor: string | undefined;
    do {
      const args = {
        channel,
        oldest: oldestTs,
        inclusive: true,
        include_all_metadata: true,
        limit: 200,
        cursor,
      };
      const data = orThrow('conversations.history', await this.call('conversations.history', args));
      const page = parseOrThrow('conversations.history', historyPageSchema, data);
      const hit = page.messages.find(
        (m) => m.metadata?.event_type === eventType && m.metadata.event_payload['key'] === key,
      );
      if (hit) return { ts: hit.ts, channel };
      cursor = (page.has_more && page.response_metadata?.next_cursor) || undefined;
    } while (cursor);
    return null;
  }

  private async personCall<T>(
    method: string,
    args: Record<string, unknown>,
    read: (data: Record<string, unknown>) => T,
  ): Promise<PersonResult<T>> {
    const outcome = await this.call(method, args);
    if (
      !outcome.ok &&
      outcome.failure.kind === 'platform' &&
      isPersonError(outcome.failure.slackError)
    ) {
      return { ok: false, error: outcome.failure.slackError };
    }
    return { ok: true, value: read(orThrow(method, outcome)) };
  }

  private async call(
    method: string,
    args: Record<string, unknown>,
    channel?: string,
  ): Promise<Outcome> {
    for (let attempt = 0; ; attempt++) {
      await this.limiter.acquire(method, channel);
      try {
        return {
          ok: true,
          data: (await this.web.apiCall(method, args)) as unknown as Record<string, unknown>,
        };
      } catch (err) {
        const failure = classifyWebApiError(method, err);
        if (failure.kind !== 'rate-limited' || attempt >= this.maxRateLimitRetries) {
          return { ok: false, failure };
        }
        this.onRateLimited?.(method, failure.retryAfterSeconds);
        this.limiter.pause(method, failure.retryAfterSeconds, channel);
      }
    }
  }
}

function toUserOrThrow(method: string, data: Record<string, unknown>): SlackUser {
  return fromWireUser(parseOrThrow(method, userAnswerSchema, data).user);
}
