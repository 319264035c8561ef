/**
 * JSON as the Jamf Pro API writes it: Jackson's default pretty printer. Objects open a line per
 * field with `"key" : value`; arrays stay on the line, `[ a, b ]`; empties are `[ ]` and `{ }`.
 * Real captures (see the connector's __fixtures__/SOURCES.md) look exactly like this, so clients
 * that only ever saw compact JSON in tests get caught here.
 */
export function jacksonStringify(value: unknown): string {
  return write(value, '');
}

function write(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map((v) => write(v, indent)).join(', ')} ]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{ }';
    const inner = `${indent}  `;
    const fields = entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${write(v, inner)}`);
    return `{\n${fields.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
