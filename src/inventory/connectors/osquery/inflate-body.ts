import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { preParsingHookHandler } from 'fastify';
import { PatchbayError } from '../../../platform/errors/errors.js';

/**
 * osqueryd sends gzip bodies with --logger_tls_compress (and `_compress` requests). A gzip body
 * can inflate a thousandfold (32 MiB of zeros is 32 KiB), so the size that matters is the
 * inflated one: it is counted as the stream runs, and reading stops at the first byte past the
 * cap, before anything is buffered whole or parsed.
 */
export function tooLarge(maxBytes: number): PatchbayError {
  return new PatchbayError(
    'E_OSQUERY_BODY_TOO_LARGE',
    `Request body is larger than ${maxBytes} bytes once inflated`,
    { maxBytes },
  );
}

/** What Fastify's body reader needs from a preParsing stream (it checks Content-Length with it). */
type InflatedStream = Readable & { receivedEncodedLength: number };

/** Inflate `source`, failing with E_OSQUERY_BODY_TOO_LARGE past `maxBytes` of output. */
export function inflateCapped(source: Readable, maxBytes: number): InflatedStream {
  let inflatedBytes = 0;
  const gunzip = createGunzip();
  const capped = Object.assign(
    new Transform({
      transform(chunk: Buffer, _enc, cb) {
        inflatedBytes += chunk.length;
        if (inflatedBytes > maxBytes) cb(tooLarge(maxBytes));
        else cb(null, chunk);
      },
    }),
    { receivedEncodedLength: 0 },
  );
  const onData = (chunk: Buffer) => {
    capped.receivedEncodedLength += chunk.length;
  };
  source.on('data', onData);
  gunzip.on('error', (err) =>
    capped.destroy(
      new PatchbayError('E_OSQUERY_BODY', 'Request body is not valid gzip', {}, { cause: err }),
    ),
  );
  // Once the capped stream ends or fails, stop inflating: the rest of the request is left for
  // Node to discard, never inflated. The request itself is not destroyed, so the 413 still goes out.
  capped.once('close', () => {
    source.off('data', onData);
    source.unpipe(gunzip);
    gunzip.destroy();
  });
  source.pipe(gunzip).pipe(capped);
  return capped;
}

/**
 * The preParsing hook of the osquery routes: gzip bodies are inflated under the cap; identity
 * bodies are left to Fastify's bodyLimit (set to the same cap); any other encoding is refused,
 * since osqueryd sends none and inflating it is not worth a new attack surface.
 */
export function inflateBody(maxBytes: number): preParsingHookHandler {
  return (request, _reply, payload, done) => {
    const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding === 'identity') return done(null, payload);
    // x-gzip is the old name of gzip (RFC 9110 8.4.1.3); recipients should treat them alike.
    if (encoding !== 'gzip' && encoding !== 'x-gzip')
      return done(
        new PatchbayError('E_OSQUERY_BODY', `Content-Encoding ${encoding} is not supported`, {
          encoding,
        }),
      );
    done(null, inflateCapped(payload, maxBytes));
  };
}
