import { describe, expect, it } from 'vitest';
import { PatchbayError } from '../errors/errors.js';
import { hostPort, listenError } from './listen-error.js';

const errno = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`listen ${code}`), { code });

describe('listenError', () => {
  it.each<[string, string, number, RegExp]>([
    ['EADDRINUSE', 'E_PORT_IN_USE', 69, /127\.0\.0\.1:8080: another process is already using it/],
    ['EACCES', 'E_LISTEN', 78, /127\.0\.0\.1:8080: permission denied \(ports below 1024/],
    ['EADDRNOTAVAIL', 'E_LISTEN', 78, /127\.0\.0\.1 is not an address of this machine/],
    ['ENOTFOUND', 'E_LISTEN', 78, /is not an address of this machine/],
  ])('%s is %s (exit %i), naming the address and server.listen', (code, want, exit, message) => {
    const err = listenError(errno(code), '127.0.0.1', 8080);
    expect(err).toBeInstanceOf(PatchbayError);
    expect(err).toMatchObject({ code: want, exitCode: exit, details: { key: 'server.listen' } });
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toContain('server.listen');
  });

  it('leaves any other error as it was: a bug keeps its stack', () => {
    const bug = new TypeError('x is undefined');
    expect(listenError(bug, '127.0.0.1', 8080)).toBe(bug);
    expect(listenError(errno('EMFILE'), '127.0.0.1', 8080)).toMatchObject({ code: 'EMFILE' });
  });

  it('writes IPv6 hosts in brackets, as server.listen takes them', () => {
    expect(hostPort('::1', 8080)).toBe('[::1]:8080');
    expect(hostPort('0.0.0.0', 80)).toBe('0.0.0.0:80');
  });
});
