import { PatchbayError } from '../errors/errors.js';

/** How `server.listen` reads in a message: `127.0.0.1:8080`, `[::1]:8080`. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const CHANGE = 'set another address with server.listen (or `patchbay serve --listen host:port`)';

type Reason = 'in-use' | 'denied' | 'not-here';

const REASONS: Readonly<Record<string, Reason>> = {
  EADDRINUSE: 'in-use',
  EACCES: 'denied',
  EPERM: 'denied',
  EADDRNOTAVAIL: 'not-here',
  ENOTFOUND: 'not-here',
  EAI_AGAIN: 'not-here',
};

/**
 * What went wrong when the server could not listen, as an error an admin can act on: the
 * address, why, and the option that changes it. Anything unexpected is returned as it was (a
 * bug, reported with its stack).
 */
export function listenError(err: unknown, host: string, port: number): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const reason = code === undefined ? undefined : REASONS[code];
  if (reason === undefined) return err;
  const where = hostPort(host, port);
  const details = { host, port, key: 'server.listen', cause: code };
  switch (reason) {
    case 'in-use':
      return new PatchbayError(
        'E_PORT_IN_USE',
        `Cannot listen on ${where}: another process is already using it. Stop that process (often an earlier patchbay serve), or ${CHANGE}.`,
        details,
      );
    case 'denied':
      return new PatchbayError(
        'E_LISTEN',
        `Cannot listen on ${where}: permission denied (ports below 1024 need privileges). Use a port from 1024 up, or ${CHANGE}.`,
        details,
      );
    case 'not-here':
      return new PatchbayError(
        'E_LISTEN',
        `Cannot listen on ${where}: ${host} is not an address of this machine. Use 0.0.0.0, 127.0.0.1 or one of its own addresses: ${CHANGE}.`,
        details,
      );
  }
}
