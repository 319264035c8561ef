import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isPatchbayError } from '../../../platform/errors/errors.js';
import { inflateCapped } from './inflate-body.js';

const MiB = 1024 * 1024;

/** The compressed bytes in 1 KiB chunks, counting how many the inflater pulled. */
function source(gz: Buffer): { stream: Readable; pulled: () => number } {
  let offset = 0;
  const stream = new Readable({
    highWaterMark: 1024,
    read() {
      if (offset >= gz.length) return this.push(null);
      this.push(gz.subarray(offset, offset + 1024));
      offset += 1024;
    },
  });
  return { stream, pulled: () => offset };
}

async function drain(s: Readable): Promise<{ bytes: number; error: unknown }> {
  let bytes = 0;
  try {
    for await (const chunk of s) bytes += (chunk as Buffer).length;
    return { bytes, error: null };
  } catch (error) {
    return { bytes, error };
  }
}

describe('inflateCapped', () => {
  it('stops inflating a bomb at the cap: never emits more, never reads the rest', async () => {
    const gz = gzipSync(Buffer.alloc(64 * MiB));
    const src = source(gz);
    const out = inflateCapped(src.stream, 1 * MiB);
    const { bytes, error } = await drain(out);
    expect(isPatchbayError(error) && error.code).toBe('E_OSQUERY_BODY_TOO_LARGE');
    expect(bytes).toBeLessThanOrEqual(1 * MiB);
    // 1 MiB of zeros is ~1 KiB compressed; the read-ahead of the pipes is bounded, the rest of
    // the 64 KiB is never pulled.
    expect(src.pulled()).toBeLessThan(gz.length / 2);
    expect(out.receivedEncodedLength).toBeLessThanOrEqual(src.pulled());
  });

  it('passes a body under the cap through whole, counting the compressed bytes', async () => {
    const body = Buffer.from(JSON.stringify({ node_key: 'k', data: ['x'.repeat(5000)] }));
    const gz = gzipSync(body);
    const out = inflateCapped(source(gz).stream, body.length);
    const chunks: Buffer[] = [];
    for await (const c of out) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
    expect(out.receivedEncodedLength).toBe(gz.length);
  });

  it('fails with E_OSQUERY_BODY on bytes that are not gzip', async () => {
    const { error } = await drain(inflateCapped(Readable.from([Buffer.from('plain')]), MiB));
    expect(isPatchbayError(error) && error.code).toBe('E_OSQUERY_BODY');
  });
});
