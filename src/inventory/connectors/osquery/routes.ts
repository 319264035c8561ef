import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { Logger } from '../../../platform/log/logger.js';
import { buildOsqueryConfig, type OsqueryConfig } from './config.js';
import { DEFAULT_LIVE_FOR_MS } from './enroll-policy.js';
import { inflateBody } from './inflate-body.js';
import { IngestGate } from './ingest-gate.js';
import type { OsqueryStore } from './osquery-store.js';
import { refusalCounter } from './refusal-counter.js';
import { admitLog, answerFailure } from './route-guards.js';
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
  /** `inventory.osquery.maxLogBytes`: a log body's largest inflated size; 8 MiB by default. */
  readonly maxLogBytes?: number;
  /** `inventory.osquery.maxConcurrentLogs`: log bodies read at once; 4 by default. */
  readonly maxConcurrentLogs?: number;
  /** `inventory.osquery.liveFor` in ms: how long a used key holds its host identifier. */
  readonly liveForMs?: number;
  /** Where `patchbay_osquery_refused_total` is registered; not counted without one. */
  readonly registry?: Registry;
}

/** Where osqueryd is pointed: --enroll_tls_endpoint, --config_tls_endpoint, --logger_tls_endpoint. */
export const OSQUERY_PATHS = {
  enroll: '/api/osquery/enroll',
  config: '/api/osquery/config',
  log: '/api/osquery/log',
} as const;

/**
 * A Mac's apps snapshot is ~100 KB and a result log carries one snapshot per query, so a few MiB
 * hold any honest log; a body that inflates beyond is refused before it is buffered or parsed.
 */
export const DEFAULT_MAX_LOG_BYTES = 8 * 1024 * 1024;
/** Enough to keep two cores busy parsing while the event loop still answers /healthz. */
export const DEFAULT_MAX_CONCURRENT_LOGS = 4;
// An enroll request (host_details) is a few KB and a config request a node key: Fastify's default.
const SMALL_BODY_LIMIT = 1024 * 1024;

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Equal-length digests, so the comparison takes the same time whatever the secret's length. */
function secretMatches(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

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
  const maxLogBytes = deps.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES;
  const liveForMs = deps.liveForMs ?? DEFAULT_LIVE_FOR_MS;
  const gate = new IngestGate(deps.maxConcurrentLogs ?? DEFAULT_MAX_CONCURRENT_LOGS);
  const guards = { log: deps.log, count: refusalCounter(deps.registry) };
  const unknownKey = () =>
    new PatchbayError('E_OSQUERY_NODE_KEY', 'Unknown or superseded node key; enroll again');
  // Every route reads its body under a cap on the inflated size, Content-Length checked first.
  const small = { preParsing: inflateBody(SMALL_BODY_LIMIT), bodyLimit: SMALL_BODY_LIMIT };

  app.post(
    OSQUERY_PATHS.enroll,
    { ...small, errorHandler: answerFailure('enroll', guards) },
    async (request, reply) => {
      const body = decode(enrollRequestSchema, request.body, reply);
      if (!body) return reply;
      const who = { hostIdentifier: body.host_identifier, ip: request.ip };
      if (!secretMatches(body.enroll_secret, deps.enrollSecret)) {
        guards.count('enroll', 'enroll-secret');
        deps.log.warn(who, 'osquery enroll refused: bad enroll secret');
        return refuse(reply, new PatchbayError('E_OSQUERY_ENROLL', 'Enroll secret refused'));
      }
      const nodeKey = newNodeKey();
      const res = await deps.store.enroll(
        {
          hostIdentifier: body.host_identifier,
          nodeKey,
          platformType: body.platform_type ?? null,
          hostDetails: body.host_details,
          from: request.ip,
        },
        deps.now(),
        liveForMs,
      );
      switch (res.outcome) {
        case 'refused':
          guards.count('enroll', 'enroll-conflict');
          deps.log.warn(
            { ...who, keyUsedAt: res.keyUsedAt },
            'osquery enroll refused: host identifier held by a live node',
          );
          return refuse(
            reply,
            new PatchbayError(
              'E_OSQUERY_ENROLL_CONFLICT',
              'Host identifier is enrolled by a node that is still reporting',
            ),
          );
        case 're-enrolled':
          deps.log.info(
            { ...who, previousKeyUsedAt: res.previousKeyUsedAt },
            'osquery node re-enrolled; its previous key is retired',
          );
          break;
        case 'enrolled':
          deps.log.info(who, 'osquery node enrolled');
          break;
      }
      return { node_key: nodeKey, node_invalid: false };
    },
  );

  app.post(
    OSQUERY_PATHS.config,
    { ...small, errorHandler: answerFailure('config', guards) },
    async (request, reply) => {
      const body = decode(configRequestSchema, request.body, reply);
      if (!body) return reply;
      const node = await deps.store.nodeByKey(body.node_key);
      if (!node) {
        guards.count('config', 'node-key');
        return refuse(reply, unknownKey());
      }
      await deps.store.touch(node.hostIdentifier, deps.now());
      return { ...config, node_invalid: false };
    },
  );

  app.post(
    OSQUERY_PATHS.log,
    {
      // The gate is passed before a byte is read, and the cap applies while inflating: a
      // request without a valid node key cannot be turned away sooner, as the key is in the body.
      onRequest: admitLog(gate, guards),
      preParsing: inflateBody(maxLogBytes),
      bodyLimit: maxLogBytes,
      errorHandler: answerFailure('log', guards),
    },
    async (request, reply) => {
      const body = decode(logRequestSchema, request.body, reply);
      if (!body) return reply;
      const node = await deps.store.nodeByKey(body.node_key);
      if (!node) {
        guards.count('log', 'node-key');
        return refuse(reply, unknownKey());
      }
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
