import type {
  PersonResult,
  PostMessageInput,
  PostMessageResult,
  SlackUser,
} from '../integrations/slack/slack-client.js';

/** The Slack calls a reminder cycle makes; SlackClient implements it, tests may fake it. */
export interface SlackPort {
  lookupByEmail(email: string): Promise<PersonResult<SlackUser>>;
  usersList(): Promise<{ users: SlackUser[] }>;
  openDm(userId: string): Promise<PersonResult<string>>;
  postMessage(input: PostMessageInput): Promise<PostMessageResult>;
  findMessageByMetadata(
    channel: string,
    eventType: string,
    key: string,
    oldestTs: string,
  ): Promise<{ ts: string; channel: string } | null>;
}

/**
 * A Slack that refuses every call, saying `why`: for a run that must not reach Slack (a dry run
 * without a token, a dashboard page load). Any call is a bug, so it fails loudly.
 */
export function refusingSlack(why: string): SlackPort {
  const refuse = (): Promise<never> => Promise.reject(new Error(why));
  return {
    lookupByEmail: refuse,
    usersList: refuse,
    openDm: refuse,
    postMessage: refuse,
    findMessageByMetadata: refuse,
  };
}
