import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isPatchbayError } from '../platform/errors/errors.js';
import type { Logger } from '../platform/log/logger.js';

/** The JSON of every API error: `{ error: { code, message } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** An error answer: the status and the body to send. */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: ApiErrorBody;
}

const INTERNAL: ApiErrorBody = {
  error: { code: 'E_INTERNAL', message: 'internal error: see the server log' },
};

/**
 * The one mapping from a thrown error to an answer: a PatchbayError -> its status and JSON;
 * Fastify's own client errors (bad URL escape, bad JSON, wrong content type, body too large,
 * Content-Length mismatch...) -> their 4xx status with E_USAGE (E_NOT_FOUND for a 404); anything
 * else -> 500 E_INTERNAL with a generic message. `null` for the 500s, which the caller logs.
 */
export function errorAnswer(err: unknown): ErrorAnswer | null {
  if (isPatchbayError(err)) return { status: err.httpStatus, body: err.toJSON() };
  const status = (err as Partial<FastifyError> | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = status === 404 ? 'E_NOT_FOUND' : 'E_USAGE';
    return { status, body: { error: { code, message: (err as Error).message } } };
  }
  return null;
}

/** The body of a 404: what was asked for, without the query (it may hold a token or a name). */
export function notFoundBody(method: string, url: string): ApiErrorBody {
  return { error: { code: 'E_NOT_FOUND', message: `no route ${method} ${url.split('?')[0]}` } };
}

/** Send the answer for `err`; errors without a client-facing meaning are logged and hidden. */
export function sendError(
  err: unknown,
  req: FastifyRequest,
  reply: FastifyReply,
  log: Logger,
): FastifyReply {
  const answer = errorAnswer(err);
  if (answer === null) {
    log.error({ err, url: req.url, method: req.method }, 'Request failed unexpectedly');
    return reply.code(500).send(INTERNAL);
  }
  if (answer.status >= 500 && isPatchbayError(err))
    log.error({ code: err.code, url: req.url, details: err.details }, 'Request failed');
  return reply.code(answer.status).send(answer.body);
}

/**
 * Our error shape in `app` and the scopes below it: the error handler, the not-found handler,
 * and an onRequest hook that answers an unknown route before its body is read, so a stranger
 * cannot make the server parse a large body only to be told 404.
 */
export function installApiErrors(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((err, req, reply) => sendError(err, req, reply, log));
  app.setNotFoundHandler((req, reply) => reply.code(404).send(notFoundBody(req.method, req.url)));
  app.addHook('onRequest', (req, reply, done) => {
    if (req.is404) void reply.code(404).send(notFoundBody(req.method, req.url));
    else done();
  });
}
