/** A user the stand-in knows, as tests and the demo seed them. */
export interface SeedUser {
  readonly id: string;
  readonly email: string | null;
  readonly name: string;
  readonly tz?: string | null;
  readonly deleted?: boolean;
  readonly isBot?: boolean;
}

/** Message metadata as chat.postMessage stores it. */
export interface MessageMetadata {
  readonly event_type: string;
  readonly event_payload: Record<string, unknown>;
}

/** One posted message: the inbox entry tests assert on. */
export interface StoredMessage {
  readonly channel: string;
  /** The DM's other member when `channel` is a DM, else null. */
  readonly recipient: string | null;
  readonly ts: string;
  readonly text: string | null;
  readonly blocks: readonly unknown[] | null;
  readonly metadata: MessageMetadata | null;
}

/**
 * The stand-in's data: users, DMs, named channels and every posted message. Message `ts` values
 * are Slack-shaped (`seconds.micro`), taken from the injected clock and strictly increasing.
 */
export class Workspace {
  readonly teamId = 'T0PATCHBAY';
  readonly botUserId = 'U0PATCHBOT';
  private readonly users = new Map<string, SeedUser>();
  private readonly byEmail = new Map<string, string>();
  private readonly dmByUser = new Map<string, string>();
  private readonly userByDm = new Map<string, string>();
  private readonly channels = new Set<string>();
  readonly messages: StoredMessage[] = [];
  private lastMicros = 0;

  seedUsers(users: readonly SeedUser[]): void {
    for (const user of users) {
      this.users.set(user.id, user);
      if (user.email) this.byEmail.set(user.email.toLowerCase(), user.id);
    }
  }

  /** A channel apps may post to besides DMs, e.g. the admin channel. */
  addChannel(id: string): void {
    this.channels.add(id);
  }

  allUsers(): readonly SeedUser[] {
    return [...this.users.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  user(id: string): SeedUser | undefined {
    return this.users.get(id);
  }

  userByEmail(email: string): SeedUser | undefined {
    const id = this.byEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  /** conversations.open: the same DM id every time for one user. */
  openDm(userId: string): { id: string; alreadyOpen: boolean } {
    const existing = this.dmByUser.get(userId);
    if (existing) return { id: existing, alreadyOpen: true };
    const id = `D${String(this.dmByUser.size + 1).padStart(9, '0')}`;
    this.dmByUser.set(userId, id);
    this.userByDm.set(id, userId);
    return { id, alreadyOpen: false };
  }

  dmOf(userId: string): string | undefined {
    return this.dmByUser.get(userId);
  }

  /** The DM's other member, or null for a named channel; undefined when the channel is unknown. */
  memberOf(channel: string): string | null | undefined {
    const user = this.userByDm.get(channel);
    if (user !== undefined) return user;
    return this.channels.has(channel) ? null : undefined;
  }

  post(
    channel: string,
    nowMs: number,
    content: Pick<StoredMessage, 'text' | 'blocks' | 'metadata'>,
  ): StoredMessage {
    this.lastMicros = Math.max(Math.floor(nowMs) * 1000, this.lastMicros + 1);
    const ts = `${Math.floor(this.lastMicros / 1e6)}.${String(this.lastMicros % 1e6).padStart(6, '0')}`;
    const message = { channel, recipient: this.userByDm.get(channel) ?? null, ts, ...content };
    this.messages.push(message);
    return message;
  }
}
