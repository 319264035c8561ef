import { createSecureContext } from 'node:tls';
import { PatchbayError } from '../errors/errors.js';

/** `server.tls` as configured: both file paths or neither. */
export interface TlsConfig {
  readonly cert: string | null;
  readonly key: string | null;
}

/** What Node's https server takes: the PEM texts. */
export interface TlsFiles {
  readonly cert: Buffer;
  readonly key: Buffer;
}

interface Problem {
  readonly key: string;
  readonly message: string;
}

/**
 * Read and check `server.tls.cert` / `server.tls.key` for `patchbay serve` and `config check`
 * (not at config load: other commands never need the key, and it is often readable only by
 * the service's user). Returns null without TLS. Every problem names its key, in the same
 * E_CONFIG_INVALID shape as the rest of the config, so a bad pair fails at start with a line an
 * admin can act on instead of a TLS library error at the first connection.
 */
export function readTlsFiles(tls: TlsConfig, readFile: (path: string) => Buffer): TlsFiles | null {
  if (tls.cert === null && tls.key === null) return null;
  const problems: Problem[] = [];
  if (tls.cert === null || tls.key === null) {
    const [set, unset] = tls.cert === null ? ['key', 'cert'] : ['cert', 'key'];
    problems.push({
      key: `server.tls.${unset}`,
      message: `required when server.tls.${set} is set (give both files, or neither for plain HTTP)`,
    });
    throw invalid(problems);
  }
  const cert = readOne('server.tls.cert', tls.cert, readFile, problems);
  const key = readOne('server.tls.key', tls.key, readFile, problems);
  if (!cert || !key) throw invalid(problems);
  // Each half alone first, so the message names the file that is wrong, then the pair.
  const certError = secureContextError({ cert });
  if (certError)
    problems.push({
      key: 'server.tls.cert',
      message: `${tls.cert} is not a PEM certificate (${certError})`,
    });
  const keyError = secureContextError({ key });
  if (keyError)
    problems.push({
      key: 'server.tls.key',
      message: `${tls.key} is not an unencrypted PEM private key (${keyError})`,
    });
  if (!certError && !keyError && secureContextError({ cert, key }))
    problems.push({
      key: 'server.tls.key',
      message: `${tls.key} is not the private key of the certificate in ${tls.cert}`,
    });
  if (problems.length > 0) throw invalid(problems);
  return { cert, key };
}

function readOne(
  key: string,
  path: string,
  readFile: (path: string) => Buffer,
  problems: Problem[],
): Buffer | null {
  try {
    return readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    problems.push({ key, message: `cannot read ${path}: ${code}` });
    return null;
  }
}

/** OpenSSL's reason for refusing the material, or null when it is accepted. */
function secureContextError(opts: { cert?: Buffer; key?: Buffer }): string | null {
  try {
    createSecureContext(opts);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

function invalid(problems: readonly Problem[]): PatchbayError {
  return new PatchbayError(
    'E_CONFIG_INVALID',
    `Invalid configuration:\n${problems.map((p) => `  ${p.key}: ${p.message}`).join('\n')}`,
    { problems },
  );
}
