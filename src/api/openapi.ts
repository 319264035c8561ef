import { z } from 'zod';
import type { ApiRoute } from './route-def.js';
import { errorBody } from './schemas.js';

export const API_PREFIX = '/api/v1';

type JsonObject = Record<string, unknown>;

/** A zod schema as a JSON Schema fragment: no `$schema`, since it sits inside the document. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const out: JsonObject = {
    ...z.toJSONSchema(schema, {
      io,
      unrepresentable: 'any',
      // Responses may gain fields in a minor release: clients must not reject unknown ones.
      override: (c) => {
        if (io === 'output' && c.jsonSchema.additionalProperties === false)
          delete c.jsonSchema.additionalProperties;
      },
    }),
  };
  delete out.$schema;
  return out;
}

/** `/hosts/:id` -> `/api/v1/hosts/{id}`. */
export function openApiPath(path: string): string {
  return `${API_PREFIX}${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

function parameters(where: 'path' | 'query', schema: z.ZodObject | undefined): JsonObject[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input');
  const props = (js.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(props).map(([name, prop]) => {
    const { description, ...propSchema } = prop;
    return {
      name,
      in: where,
      // Path parameters are always required; query ones are when they have no default.
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propSchema,
    };
  });
}

const json = (schema: JsonObject): JsonObject => ({ 'application/json': { schema } });
/** The schema of one item of an array response. */
function itemSchema(route: ApiRoute): JsonObject {
  const whole = jsonSchema(route.response, 'output');
  return (whole.items as JsonObject | undefined) ?? whole;
}

const errorRef = json({ $ref: '#/components/schemas/Error' });

/** The CSV form of a listing: text with a header row, its columns listed for whoever reads it. */
function csvContent(route: ApiRoute): JsonObject {
  if (!route.csv) return {};
  const columns = route.csv.columns.map((c) => `${c.name} (${c.description})`).join('; ');
  return {
    'text/csv': {
      schema: {
        type: 'string',
        description:
          'RFC 4180 CSV (UTF-8, CRLF), every matching row with a header row; a cell starting ' +
          'with = + - @ (also after whitespace), TAB, CR, LF or NUL is prefixed with a single ' +
          `quote. Columns: ${columns}.`,
      },
    },
  };
}

/** Response headers: the route's own, and the attachment name of its CSV form. */
function responseHeaders(route: ApiRoute): Record<string, string> {
  return {
    ...route.headers,
    ...(route.csv
      ? {
          'Content-Disposition': `with text/csv: attachment; filename="patchbay-${route.csv.name}-<YYYY-MM-DD>.csv"`,
        }
      : {}),
  };
}

function operation(route: ApiRoute): JsonObject {
  const secured = route.scope !== 'public';
  const responses: JsonObject = {
    [String(route.status ?? 200)]: {
      description: 'success',
      content: {
        ...json(jsonSchema(route.response, 'output')),
        // The same items, one per line, all of them: for exports of any size.
        ...(route.ndjson ? { 'application/x-ndjson': { schema: itemSchema(route) } } : {}),
        ...csvContent(route),
      },
      ...(Object.keys(responseHeaders(route)).length > 0
        ? {
            headers: Object.fromEntries(
              Object.entries(responseHeaders(route)).map(([h, description]) => [
                h,
                { description, schema: { type: 'string' } },
              ]),
            ),
          }
        : {}),
    },
    400: { description: 'a parameter is invalid (E_USAGE, naming it)', content: errorRef },
  };
  if (secured) {
    responses[401] = { description: 'no valid token (E_API_TOKEN)', content: errorRef };
    responses[403] = { description: `the token lacks scope ${route.scope}`, content: errorRef };
  }
  if (route.params) responses[404] = { description: 'not found', content: errorRef };
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [...route.tags],
    ...(secured ? { description: `Needs a token with scope \`${route.scope}\`.` } : {}),
    security: secured ? [{ bearer: [] }] : [],
    'x-patchbay-scope': route.scope,
    parameters: [...parameters('path', route.params), ...parameters('query', route.query)],
    responses,
  };
}

/** The OpenAPI 3.1 document of the given routes: every path, parameter, response and scope. */
export function buildOpenApi(routes: readonly ApiRoute[]): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Patchbay API',
      version: '1',
      description:
        'Read the fleet, its compliance and time-to-install; run jobs. Authenticate with ' +
        '`Authorization: Bearer pb_...` (create a token with `patchbay token create`). ' +
        'Errors are `{ "error": { "code", "message" } }` (codes: docs/errors.md).',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (`pb_...`) with scope read or admin (admin implies read).',
        },
      },
      schemas: { Error: jsonSchema(errorBody, 'output') },
    },
  };
}
