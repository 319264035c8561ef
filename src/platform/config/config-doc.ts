import { formatDuration } from './duration.js';
import { envNameFor, type OptionSpec } from './options.js';

/**
 * docs/config.md, rendered from the option table so the two can never disagree
 * (config-doc.spec.ts compares them; `patchbay config docs > docs/config.md` regenerates it).
 */
export function renderConfigDoc(table: readonly OptionSpec[]): string {
  const lines = [
    '# Configuration',
    '',
    'Patchbay reads `patchbay.yaml` (path from `--config`, else `$PATCHBAY_CONFIG`, else `./patchbay.yaml`',
    'when it exists; without a file every key has the default below). Every key can be overridden by',
    'the environment variable shown, which wins over the file. Every secret can also be read from a file:',
    'put `<key>File: /path` in the YAML (e.g. `slack.tokenFile`) or set `<ENV>_FILE=/path`. Secrets are',
    'masked by `patchbay config check` and never written to logs.',
    '',
    'URL options (`url` below) take `http://` or `https://` only, and never credentials: `file:`, `data:`',
    'or `https://user:pass@host` is refused naming the key. Give credentials in the secret options',
    '(`inventory.fleet.token`, `inventory.jamf.clientSecret`, ...); errors and logs never show a URL\'s',
    'user info or key-like query values (`?token=`).',
    '',
    'Durations are written `30s`, `15m`, `12h`, `2d`, `1w` (or a number of milliseconds). Lists can be',
    'given in the environment as comma-separated text; JSON keys as JSON.',
    '',
    '`patchbay config check` validates the file and prints every effective value in 100 columns',
    '(`--verbose`: whole, with where each came from; `--json`: all of it). It warns on stderr about a',
    'Jamf or Fleet source or Slack configured without its secret; an invalid config exits 78 and names',
    'every bad key. This page is generated: `patchbay config docs`.',
    '',
    '| key | type | default | environment | description |',
    '|---|---|---|---|---|',
  ];
  for (const spec of table) {
    const env = [envNameFor(spec.key), ...(spec.envAliases ?? [])]
      .map((e) => `\`${e}\``)
      .join(', ');
    const type = spec.choices
      ? spec.choices.join(' \\| ')
      : spec.type + (spec.secret ? ' (secret)' : '');
    lines.push(
      `| \`${spec.key}\` | ${type} | ${defaultText(spec)} | ${env} | ${spec.description.replace(/\|/g, '\\|')} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

function defaultText(spec: OptionSpec): string {
  const d = spec.default;
  if (d === null || d === undefined) return '(unset)';
  if (spec.type === 'duration' && typeof d === 'number') return `\`${formatDuration(d)}\``;
  if (Array.isArray(d)) return d.length ? `\`${d.join(', ')}\`` : '(empty)';
  if (typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean')
    return `\`${String(d)}\``;
  return `\`${JSON.stringify(d)}\``;
}
