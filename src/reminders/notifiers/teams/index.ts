import type { HttpClient } from '../../../platform/http-client/http-client.js';
import type { Logger } from '../../../platform/log/logger.js';
import type { TeamsCardMessage } from '../../admin-summary.js';

export { teamsOptionsSchema, type TeamsOptions } from './schema.js';

export interface TeamsNotifierDeps {
  readonly http: HttpClient;
  /** A Workflows webhook URL ("When a Teams webhook request is received"); a secret. */
  readonly webhookUrl: string;
  readonly log: Logger;
}

/** What Workflows answered: 202 (accepted, the flow posts the card later) or another 2xx. */
export interface TeamsDelivery {
  readonly status: number;
}

/**
 * Posts Adaptive Card messages (admin summaries) to a Microsoft Teams channel through a Workflows
 * webhook. The URL never reaches a log line or an error: the HttpClient redacts its `sig` query
 * parameter, and this class logs only what it sent and the status.
 */
export class TeamsNotifier {
  static readonly id = 'teams';
  readonly id = TeamsNotifier.id;

  constructor(private readonly deps: TeamsNotifierDeps) {}

  /**
   * Posts one message. Not retried: a POST that timed out may still have been posted, and a
   * summary shown twice is worse than a summary retried by the next cycle. A non-2xx answer
   * throws the HttpClient's coded error (E_HTTP_STATUS, E_HTTP_TIMEOUT, E_HTTP_NETWORK).
   */
  async send(message: TeamsCardMessage): Promise<TeamsDelivery> {
    const body = JSON.stringify(message);
    try {
      const res = await this.deps.http.request({
        method: 'POST',
        url: this.deps.webhookUrl,
        headers: { 'content-type': 'application/json' },
        body,
        idempotent: false,
      });
      this.deps.log.info(
        { notifier: TeamsNotifier.id, status: res.status, bytes: body.length },
        'Teams card posted',
      );
      return { status: res.status };
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      this.deps.log.warn({ notifier: TeamsNotifier.id, code }, 'Teams card not posted');
      throw err;
    }
  }
}
