import type { z } from 'zod';
import { PatchbayError } from '../platform/errors/errors.js';

/**
 * Validate path or query parameters; a failure is E_USAGE (400) naming the parameter, so a
 * caller knows what to fix without reading the server log.
 */
export function parseInput<S extends z.ZodType>(
  where: 'path' | 'query',
  schema: S,
  value: unknown,
): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    // An unknown key is reported on the object; name the keys themselves.
    const names =
      issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.map(String).join('.')];
    return names
      .map((name) =>
        issue.code === 'unrecognized_keys'
          ? `unknown ${where} parameter "${name}"`
          : `${where} parameter "${name}": ${issue.message}`,
      )
      .join('; ');
  });
  throw new PatchbayError('E_USAGE', problems.join('; '), { where });
}
