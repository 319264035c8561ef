import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeedHttp, FeedReadContext } from '../types.js';
import { CustomSource } from './index.js';

const URL_ = 'https://intranet.acme.example/patchbay/acme-vpn.json';
const body = readFileSync(new URL('./__fixtures__/acme-vpn.json', import.meta.url), 'utf8');

function ctx(url: string, text: string, notModified = false): FeedReadContext & { urls: string[] } {
  const urls: string[] = [];
  const http: FeedHttp = {
    getText(u) {
      urls.push(u);
      return Promise.resolve({ url: u, body: text, notModified });
    },
  };
  return { name: 'acme-vpn', url, options: {}, http, urls };
}

describe('CustomSource', () => {
  const source = new CustomSource();

  it('declares its id, no default URL and a week of max age', () => {
    expect([source.id, CustomSource.id]).toEqual(['custom', 'custom']);
    expect(source.defaultUrl).toBe('');
    expect(source.defaultMaxAgeMs).toBe(7 * 86_400_000);
  });

  it.each([true, false])('reads its URL and passes notModified=%s through', async (notModified) => {
    const c = ctx(URL_, body, notModified);
    const res = await source.read(c);
    expect(c.urls).toEqual([URL_]);
    expect(res.notModified).toBe(notModified);
    expect(res.products.map((p) => p.id)).toEqual(['acme-vpn', 'acme-printer-driver']);
  });

  it('reports issues under the configured feed name', async () => {
    const res = await source.read(ctx(URL_, JSON.stringify({ products: [{ id: 'x' }] })));
    expect(res.issues.length).toBeGreaterThan(0);
    expect(res.issues.every((i) => i.source === 'acme-vpn' && i.record === 'x')).toBe(true);
  });

  it('fails with E_FEED_PARSE naming the feed when the body is not JSON', async () => {
    const read = source.read(ctx(URL_, '{"products": ['));
    await expect(read).rejects.toMatchObject({ code: 'E_FEED_PARSE' });
    await expect(read).rejects.toThrow(/Feed acme-vpn: .*did not return valid JSON/);
  });

  it('refuses to read without a URL', async () => {
    const c = ctx('', body);
    await expect(source.read(c)).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
    expect(c.urls).toEqual([]);
  });
});
