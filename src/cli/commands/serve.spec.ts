import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCertificate } from '../../platform/server/__fixtures__/certificate.js';
import { run } from '../main.js';

describe('patchbay serve on an address it cannot have', () => {
  let dir: string;
  let busy: Server;
  let port: number;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-serve-cli-'));
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    port = (busy.address() as { port: number }).port;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => busy.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function serve(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const env = {
      PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}`,
      PATCHBAY_LOG__LEVEL: 'silent',
    };
    const code = await run(['node', 'patchbay', 'serve', '--no-jobs', ...args], {
      out: (t) => (out += t),
      err: (t) => (err += t),
      isTty: false,
      env,
    });
    return { code, out, err };
  }

  it('a port already in use exits 69 with E_PORT_IN_USE, the address and the option, and no stack', async () => {
    const res = await serve(['--listen', `127.0.0.1:${port}`]);
    expect(res.code).toBe(69);
    expect(res.err).toBe(
      `error[E_PORT_IN_USE]: Cannot listen on 127.0.0.1:${port}: another process is already using it. ` +
        'Stop that process (often an earlier patchbay serve), or set another address with server.listen ' +
        '(or `patchbay serve --listen host:port`).\n',
    );
  });
});

describe('patchbay config check with server.tls', () => {
  it('refuses a certificate without its key, as serve would, naming the key (exit 78)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchbay-tls-check-'));
    try {
      const { cert } = makeCertificate(dir, 'patchbay');
      let err = '';
      const code = await run(['node', 'patchbay', 'config', 'check'], {
        out: () => undefined,
        err: (t) => (err += t),
        isTty: false,
        env: {
          PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}`,
          PATCHBAY_SERVER__TLS__CERT: cert,
        },
      });
      expect(code).toBe(78);
      expect(err).toContain('error[E_CONFIG_INVALID]');
      expect(err).toContain('server.tls.key: required when server.tls.cert is set');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
