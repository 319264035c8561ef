import type { FastifyError, FastifyInstance } from 'fastify';
import { isPatchbayError } from '../platform/errors/errors.js';
import type { Logger } from '../platform/log/logger.js';

/** The JSON of every API error: `{ error: { code, message } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/**
 * The one error mapping of the API: PatchbayError -> its HTTP status and JSON; Fastify's own
 * client errors (bad JSON, wrong content type, body too large) -> E_USAGE with their status;
 * anything else -> 500 with a generic message, details only in the log.
 */
export function installApiErrors(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (isPatchbayError(err)) {
      if (err.httpStatus >= 500)
        log.error({ code: err.code, url: req.url, details: err.details }, 'API request failed');
      return reply.code(err.httpStatus).send(err.toJSON());
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const body: ApiErrorBody = { error: { code: 'E_USAGE', message: err.message } };
      return reply.code(status).send(body);
    }
    log.error({ err, url: req.url, method: req.method }, 'API request failed unexpectedly');
    const body: ApiErrorBody = {
      error: { code: 'E_INTERNAL', message: 'internal error: see the server log' },
    };
    return reply.code(500).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    const body: ApiErrorBody = {
      error: {
        code: 'E_NOT_FOUND',
        message: `no API route ${req.method} ${req.url.split('?')[0]}`,
      },
    };
    return reply.code(404).send(body);
  });
}
