import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';

type SlackLogger = NonNullable<WebClientOptions['logger']>;

/**
 * Routes WebClient's own log lines into our logger (its default writes to the console). Its
 * debug lines are demoted to `trace`: they hold request bodies, which carry people's emails.
 */
export function webClientLogger(log: Logger): SlackLogger {
  const detail = (msg: unknown[]): { detail: string } => ({ detail: msg.map(String).join(' ') });
  let level = 'info' as ReturnType<SlackLogger['getLevel']>;
  return {
    debug: (...msg: unknown[]) => log.trace(detail(msg), 'Slack WebClient'),
    info: (...msg: unknown[]) => log.debug(detail(msg), 'Slack WebClient'),
    warn: (...msg: unknown[]) => log.warn(detail(msg), 'Slack WebClient warning'),
    error: (...msg: unknown[]) => log.error(detail(msg), 'Slack WebClient error'),
    // The level is ours to set (pino), so these only keep WebClient's interface whole.
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
