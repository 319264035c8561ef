import type { Policies } from '../../compliance/policy.js';
import type { Weekday } from '../../reminders/schedule.js';
import type { TrustProxy } from '../server/trust-proxy.js';

/** The validated, effective configuration. Shapes follow the key paths of the option table. */
export interface FeedConfig {
  readonly enabled: boolean;
  readonly url: string;
  readonly maxAge: number;
  /** Any further per-feed options (casks, platform, channels): handed to the source. */
  readonly [option: string]: unknown;
}

export interface CustomFeedConfig {
  readonly name: string;
  readonly url: string;
  readonly maxAge?: number;
  readonly enabled?: boolean;
}

export interface Config {
  readonly database: { readonly url: string };
  readonly log: { readonly level: string; readonly format: 'auto' | 'json' | 'pretty' };
  readonly http: { readonly timeout: number; readonly retries: number; readonly userAgent: string };
  readonly feeds: Readonly<Record<string, FeedConfig>> & {
    readonly custom: readonly CustomFeedConfig[];
  };
  readonly slack: {
    readonly token: string | null;
    readonly signingSecret: string | null;
    readonly apiUrl: string;
    readonly adminChannel: string | null;
  };
  readonly inventory: InventoryConfig;
  readonly policies: Policies;
  readonly reminders: {
    readonly cadence: 'weekly' | 'daily';
    readonly day: Weekday;
    readonly hours: string;
    readonly snoozeDays: readonly number[];
    readonly escalateAfterDays: number;
    readonly defaultTz: string;
    readonly howToUpdate: Readonly<Record<string, string>>;
    /** Absent in hand-built configs (tests, bench): no notes. */
    readonly notes?: Readonly<Record<string, string>>;
    /** Share of people held back from DMs to measure what reminders change; absent or 0: off. */
    readonly controlGroup?: number;
    /** Salt of the control-group draw; absent: DEFAULT_CONTROL_GROUP_SALT. */
    readonly controlGroupSalt?: string;
  };
  readonly teams: { readonly webhookUrl: string | null };
  readonly server: {
    readonly listen: string;
    readonly publicUrl: string | null;
    readonly trustProxy: TrustProxy;
    readonly tls: { readonly cert: string | null; readonly key: string | null };
  };
  readonly jobs: {
    readonly feeds: { readonly every: number };
    readonly inventory: { readonly every: number };
    readonly reminders: { readonly every: number };
    readonly snapshot: { readonly every: number };
  };
}

export interface InventoryConfig {
  readonly fleet: {
    readonly url: string | null;
    readonly token: string | null;
    readonly queryId: number | null;
    readonly pageSize: number;
  };
  readonly jamf: {
    readonly url: string | null;
    readonly clientId: string | null;
    readonly clientSecret: string | null;
    readonly username: string | null;
    readonly password: string | null;
    readonly pageSize: number;
    readonly concurrency: number;
  };
  readonly osquery: {
    readonly enrollSecret: string | null;
    readonly liveFor: number;
    readonly maxLogBytes: number;
    readonly maxConcurrentLogs: number;
  };
  readonly files: readonly string[];
  readonly ownerPrecedence: readonly string[];
  readonly inactiveAfter: number;
  readonly appMap: Readonly<Record<string, string>>;
}

/** Where an effective value came from, shown by `config check`. */
export type ValueOrigin = 'default' | `file` | `env:${string}` | `secret-file:${string}`;

export interface LoadedConfig {
  readonly config: Config;
  readonly path: string | null;
  readonly origins: ReadonlyMap<string, ValueOrigin>;
  /** Secret values as loaded, for the log redactor. Never printed. */
  readonly secrets: readonly string[];
}
