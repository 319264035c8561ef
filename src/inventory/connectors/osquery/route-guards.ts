import type { FastifyError, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { isPatchbayError, PatchbayError, type ErrorCode } from '../../../platform/errors/errors.js';
import type { Logger } from '../../../platform/log/logger.js';
import { tooLarge } from './inflate-body.js';
import type { IngestGate } from './ingest-gate.js';
import type { OsqueryEndpoint, RefusalReason } from './refusal-counter.js';

/** What the guards need: where to log, and the refusal counter. */
export interface GuardDeps {
  readonly log: Logger;
  readonly count: (endpoint: OsqueryEndpoint, reason: RefusalReason) => void;
}

const REASONS: Partial<Record<ErrorCode, RefusalReason>> = {
  E_OSQUERY_BODY_TOO_LARGE: 'too-large',
  E_OSQUERY_BODY: 'bad-body',
};

/**
 * Answer a request whose body was refused before its handler (too large, bad gzip, bad JSON) in
 * osquery's shape; anything else goes on to the server's error handler. osqueryd reads the body, not the status: an `error` member makes the request
 * fail, so it keeps its logs and resends them, and `node_invalid: false` keeps its key.
 * `Connection: close` spares the server reading the rest of a body it has already refused.
 */
export function answerFailure(endpoint: OsqueryEndpoint, deps: GuardDeps) {
  return (
    err: FastifyError | PatchbayError,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void => {
    // Fastify's own refusal when Content-Length is over the route's bodyLimit, before any read.
    const coded =
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? tooLarge(request.routeOptions.bodyLimit ?? 0)
        : isPatchbayError(err)
          ? err
          : null;
    const reason = coded ? REASONS[coded.code] : undefined;
    if (coded && reason) {
      deps.count(endpoint, reason);
      deps.log.warn(
        {
          code: coded.code,
          endpoint,
          ip: request.ip,
          contentLength: request.headers['content-length'],
        },
        'osquery request refused',
      );
      void reply
        .code(coded.httpStatus)
        .header('connection', 'close')
        .send({ node_invalid: false, error: coded.message });
      return;
    }
    // Fastify's other refusals of a body (bad JSON, wrong Content-Length), not our coded errors.
    const status = !coded && 'statusCode' in err ? err.statusCode : undefined;
    if (status !== undefined && status >= 400 && status < 500) {
      // A refusal like any other (the readme promises every one is counted).
      deps.count(endpoint, 'bad-body');
      void reply.code(status).send({ node_invalid: false, error: err.message });
      return;
    }
    // Anything else is ours to fix: the server's own error handler answers and logs it.
    throw err;
  };
}

/**
 * Admit a log request only while the gate has room, checked before a byte of the body is read;
 * the place is given back when the response is done or the connection drops, whichever first.
 */
export function admitLog(gate: IngestGate, deps: GuardDeps): onRequestHookHandler {
  return (request, reply, done) => {
    const release = gate.tryEnter();
    if (release) {
      reply.raw.once('close', release);
      reply.raw.once('finish', release);
      return done();
    }
    deps.count('log', 'busy');
    // Debug, not warn: in a flood a line per request would be a second flood, into the log.
    deps.log.debug({ ip: request.ip, limit: gate.limit }, 'osquery log refused: busy');
    const busy = new PatchbayError(
      'E_OSQUERY_BUSY',
      `More than ${gate.limit} log bodies at once; send again later`,
    );
    void reply
      .code(busy.httpStatus)
      .header('connection', 'close')
      .send({ node_invalid: false, error: busy.message });
  };
}
