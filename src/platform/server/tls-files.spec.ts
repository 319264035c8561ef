import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, type CertificateFiles } from './__fixtures__/certificate.js';
import { readTlsFiles } from './tls-files.js';

const read = (path: string): Buffer => readFileSync(path);

describe('readTlsFiles (server.tls.cert / server.tls.key)', () => {
  let dir: string;
  let a: CertificateFiles;
  let b: CertificateFiles;
  let notPem: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-tls-'));
    a = makeCertificate(dir, 'a');
    b = makeCertificate(dir, 'b');
    notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('means plain HTTP when neither is set', () => {
    expect(readTlsFiles({ cert: null, key: null }, read)).toBeNull();
  });

  it('reads a matching pair', () => {
    const files = readTlsFiles(a, read);
    expect(files?.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(files?.key.toString()).toContain('PRIVATE KEY');
  });

  it.each<[string, () => { cert: string | null; key: string | null }, RegExp]>([
    [
      'a certificate without a key',
      () => ({ cert: a.cert, key: null }),
      /server\.tls\.key: required when server\.tls\.cert is set/,
    ],
    [
      'a key without a certificate',
      () => ({ cert: null, key: a.key }),
      /server\.tls\.cert: required when server\.tls\.key is set/,
    ],
    [
      'a missing certificate file',
      () => ({ cert: join(dir, 'gone.crt'), key: a.key }),
      /server\.tls\.cert: cannot read .*gone\.crt: ENOENT/,
    ],
    [
      'a key path that is a directory',
      () => ({ cert: a.cert, key: dir }),
      /server\.tls\.key: cannot read .*: EISDIR/,
    ],
    [
      'a certificate file that is not PEM',
      () => ({ cert: notPem, key: a.key }),
      /server\.tls\.cert: .*not\.pem is not a PEM certificate/,
    ],
    [
      'a key file that is not PEM',
      () => ({ cert: a.cert, key: notPem }),
      /server\.tls\.key: .*not\.pem is not an unencrypted PEM private key/,
    ],
    [
      'the key of another certificate',
      () => ({ cert: a.cert, key: b.key }),
      /server\.tls\.key: .*b\.key is not the private key of the certificate in .*a\.crt/,
    ],
  ])('refuses %s with E_CONFIG_INVALID naming the key', (_what, tls, message) => {
    let thrown: unknown;
    try {
      readTlsFiles(tls(), read);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'E_CONFIG_INVALID' });
    expect((thrown as Error).message).toMatch(message);
  });
});
