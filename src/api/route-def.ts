import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TokenScope } from '../platform/auth/tables.js';
import type { CsvExport } from './csv-export.js';

type AnyObject = z.ZodObject;

/** No parameters at all: unknown query keys are refused rather than ignored. */
export const NO_INPUT = z.object({}).strict();

/** What a handler gets: its parameters already validated and converted. */
export interface RouteInput<P extends AnyObject, Q extends AnyObject> {
  readonly params: z.output<P>;
  readonly query: z.output<Q>;
  readonly req: FastifyRequest;
  readonly reply: FastifyReply;
}

/**
 * One API route, relative to /api/v1. The same definition is mounted on Fastify and described in
 * the OpenAPI document, so the two cannot drift apart.
 */
export interface RouteSpec<P extends AnyObject, Q extends AnyObject, R extends z.ZodType> {
  readonly method: 'GET' | 'POST';
  /** Fastify syntax: `/hosts/:id`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** The token scope needed, or `public` (only the OpenAPI document itself). */
  readonly scope: TokenScope | 'public';
  readonly params?: P;
  readonly query?: Q;
  /** The success status (200 unless said otherwise). */
  readonly status?: number;
  readonly response: R;
  /** Response headers worth documenting (pagination). */
  readonly headers?: Readonly<Record<string, string>>;
  handle(input: RouteInput<P, Q>): Promise<z.input<R>>;
  /**
   * Every matching item, for a client that asks for `application/x-ndjson`: one JSON object
   * per line, streamed page by page in constant memory; paging parameters are ignored.
   */
  ndjson?(input: RouteInput<P, Q>): AsyncIterable<readonly unknown[]>;
  /**
   * Every matching item as a CSV file, for `Accept: text/csv` or `?format=csv` (the query schema
   * then spreads formatQuery): streamed page by page, paging parameters ignored.
   */
  readonly csv?: CsvExport<RouteInput<P, Q>>;
}

/** A route with its types erased, as the mount and the OpenAPI generator see it. */
export interface ApiRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly scope: TokenScope | 'public';
  readonly params?: AnyObject;
  readonly query?: AnyObject;
  readonly status?: number;
  readonly response: z.ZodType;
  readonly headers?: Readonly<Record<string, string>>;
  handle(input: RouteInput<AnyObject, AnyObject>): Promise<unknown>;
  ndjson?(input: RouteInput<AnyObject, AnyObject>): AsyncIterable<readonly unknown[]>;
  readonly csv?: CsvExport<RouteInput<AnyObject, AnyObject>>;
}

/** Type-check a route against its own schemas, then erase the types for the route list. */
export function defineRoute<
  P extends AnyObject = typeof NO_INPUT,
  Q extends AnyObject = typeof NO_INPUT,
  R extends z.ZodType = z.ZodType,
>(spec: RouteSpec<P, Q, R>): ApiRoute {
  // Assignable as is (method parameters are bivariant); sound because the mount parses the
  // input with the very schemas the handler was typed against.
  return spec;
}
