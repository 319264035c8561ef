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
