import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createGunzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, preParsingHookHandler } from 'fastify';
import type { z } from 'zod';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { Logger } from '../../../platform/log/logger.js';
import { buildOsqueryConfig, type OsqueryConfig } from './config.js';
import type { OsqueryStore } from './osquery-store.js';
import { applyResultLines, parseResultLines } from './result-log.js';
import { configRequestSchema, enrollRequestSchema, logRequestSchema } from './schema.js';

export interface OsqueryRouteDeps {
  readonly store: OsqueryStore;
  /** `inventory.osquery.enrollSecret`; without one the routes are not mounted at all. */
  readonly enrollSecret: string;
  readonly now: () => Date;
  readonly log: Logger;
  /** The config handed to every node; buildOsqueryConfig() by default. */
  readonly config?: OsqueryConfig;
  /** For tests; 32 random bytes by default. */
  readonly newNodeKey?: () => string;
}

/** Where osqueryd is pointed: --enroll_tls_endpoint, --config_tls_endpoint, --logger_tls_endpoint. */
export const OSQUERY_PATHS = {
  enroll: '/api/osquery/enroll',
  config: '/api/osquery/config',
  log: '/api/osquery/log',
} as const;

// A Mac's apps snapshot is ~100 KB; osqueryd sends up to 1024 lines per request.
const LOG_BODY_LIMIT = 32 * 1024 * 1024;

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Equal-length digests, so the comparison takes the same time whatever the secret's length. */
function secretMatches(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

// osqueryd --logger_tls_compress (and _compress requests) send gzip bodies. Fastify matches
// Content-Length against `receivedEncodedLength`, so the compressed bytes are counted.
const gunzip: preParsingHookHandler = (request, _reply, payload, done) => {
  if (request.headers['content-encoding'] !== 'gzip') return done(null, payload);
  const inflated = Object.assign(createGunzip(), { receivedEncodedLength: 0 });
  payload.on('data', (chunk: Buffer) => {
    inflated.receivedEncodedLength += chunk.length;
  });
  done(null, payload.pipe(inflated));
};

/**
 * osqueryd ignores the HTTP status and reads the body: `node_invalid: true` makes it drop its
 * key and enroll again. The status (401) is for proxies and logs; `error` shows in osqueryd's log.
 */
function refuse(reply: FastifyReply, err: PatchbayError): FastifyReply {
  return reply.code(err.httpStatus).send({ node_invalid: true, error: err.message });
}

function decode<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | null {
  const res = schema.safeParse(body);
  if (res.success) return res.data;
  const first = res.error.issues[0];
  void reply
    .code(400)
    .send({ error: `${first?.path.join('.') || 'body'}: ${first?.message ?? 'invalid'}` });
  return null;
}

/** Mount osquery's TLS remote API (enroll, config, log) on the app. */
export function osqueryRoutes(app: FastifyInstance, deps: OsqueryRouteDeps): void {
  if (deps.enrollSecret === '')
    throw new PatchbayError('E_CONFIG_INVALID', 'inventory.osquery.enrollSecret is empty', {
      key: 'inventory.osquery.enrollSecret',
    });
  const config = deps.config ?? buildOsqueryConfig();
  const newNodeKey = deps.newNodeKey ?? (() => randomBytes(32).toString('base64url'));
  const unknownKey = () =>
    new PatchbayError('E_OSQUERY_NODE_KEY', 'Unknown or superseded node key; enroll again');

  app.post(OSQUERY_PATHS.enroll, { preParsing: gunzip }, async (request, reply) => {
    const body = decode(enrollRequestSchema, request.body, reply);
    if (!body) return reply;
    if (!secretMatches(body.enroll_secret, deps.enrollSecret)) {
      deps.log.warn(
        { hostIdentifier: body.host_identifier, ip: request.ip },
        'osquery enroll refused: bad enroll secret',
      );
      return refuse(reply, new PatchbayError('E_OSQUERY_ENROLL', 'Enroll secret refused'));
    }
    const nodeKey = newNodeKey();
    await deps.store.enroll(
      {
        hostIdentifier: body.host_identifier,
        nodeKey,
        platformType: body.platform_type ?? null,
        hostDetails: body.host_details,
      },
      deps.now(),
    );
    deps.log.info({ hostIdentifier: body.host_identifier }, 'osquery node enrolled');
    return { node_key: nodeKey, node_invalid: false };
  });

  app.post(OSQUERY_PATHS.config, { preParsing: gunzip }, async (request, reply) => {
    const body = decode(configRequestSchema, request.body, reply);
    if (!body) return reply;
    const node = await deps.store.nodeByKey(body.node_key);
    if (!node) return refuse(reply, unknownKey());
    await deps.store.touch(node.hostIdentifier, deps.now());
    return { ...config, node_invalid: false };
  });

  app.post(
    OSQUERY_PATHS.log,
    { preParsing: gunzip, bodyLimit: LOG_BODY_LIMIT },
    async (request, reply) => {
      const body = decode(logRequestSchema, request.body, reply);
      if (!body) return reply;
      const node = await deps.store.nodeByKey(body.node_key);
      if (!node) return refuse(reply, unknownKey());
      const now = deps.now();
      if (body.log_type === 'status') {
        await deps.store.touch(node.hostIdentifier, now);
        return { node_invalid: false };
      }
      const { lines, issues } = parseResultLines(body.data);
      const current = await deps.store.resultsOf(node.hostIdentifier);
      await deps.store.recordResults(
        node.hostIdentifier,
        applyResultLines(current, lines),
        issues,
        now,
      );
      if (issues.length > 0)
        deps.log.warn(
          { hostIdentifier: node.hostIdentifier, issues },
          'osquery result log lines skipped',
        );
      // Always accepted: an error here would make osqueryd resend the same bad line forever.
      return { node_invalid: false };
    },
  );
}
