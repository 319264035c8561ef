import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { optionTable } from '../config/load-from-disk.js';
import { isProxyAddress } from './trust-proxy.js';

function trustProxyFrom(input: { yaml?: string; env?: Record<string, string> }): unknown {
  const loaded = loadConfig(optionTable(), {
    text: input.yaml ?? null,
    path: input.yaml ? 'patchbay.yaml' : null,
    env: input.env ?? {},
    readFile: () => '',
  });
  return loaded.config.server.trustProxy;
}

describe('server.trustProxy', () => {
  it('is off by default', () => {
    expect(trustProxyFrom({})).toBe(false);
  });

  it.each<[string, unknown]>([
    ['true', true],
    ['no', false],
    ['127.0.0.1', ['127.0.0.1']],
    [' 10.0.0.0/8 , fd00::/8,loopback ', ['10.0.0.0/8', 'fd00::/8', 'loopback']],
  ])('reads %j from the environment', (text, want) => {
    expect(trustProxyFrom({ env: { PATCHBAY_SERVER__TRUST_PROXY: text } })).toEqual(want);
  });

  it.each<[string, unknown]>([
    ['server: { trustProxy: true }', true],
    ['server: { trustProxy: [10.1.2.3, "192.168.0.0/16"] }', ['10.1.2.3', '192.168.0.0/16']],
    ['server: { trustProxy: [] }', false],
  ])('reads %s from the file', (yaml, want) => {
    expect(trustProxyFrom({ yaml })).toEqual(want);
  });

  it.each(['proxy.example.com', '10.0.0.0/33', '10.0.0.1, *'])(
    'refuses %j with a config error naming the key and the bad entry',
    (text) => {
      expect(() => trustProxyFrom({ env: { PATCHBAY_SERVER__TRUST_PROXY: text } })).toThrow(
        /server\.trustProxy: expected true, false or proxy addresses.*not an address/,
      );
    },
  );

  it.each<[string, boolean]>([
    ['127.0.0.1', true],
    ['::1', true],
    ['10.0.0.0/8', true],
    ['2001:db8::/32', true],
    ['::/128', true],
    ['uniquelocal', true],
    ['10.0.0.0/33', false],
    ['::/129', false],
    ['10.0.0.0/8/8', false],
    ['10.0.0.0/', false],
    ['10.0.0.0/+8', false],
    ['localhost', false],
    ['', false],
  ])('isProxyAddress(%j) is %s', (text, ok) => {
    expect(isProxyAddress(text)).toBe(ok);
  });
});
