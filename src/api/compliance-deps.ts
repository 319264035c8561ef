import type { FindingsView } from '../compliance/service.js';
import type { Finding } from '../compliance/model.js';
import type { z } from 'zod';
import type { finding } from './schemas.js';

/** A finding with its host's name and owner, as `patchbay report --json` prints it. */
export function findingJson(f: Finding, view: FindingsView): z.input<typeof finding> {
  const h = view.hosts.get(f.hostId);
  return {
    ...f,
    exploitedCves: [...f.exploitedCves],
    hostName: h?.name ?? null,
    ownerEmail: h?.ownerEmail ?? null,
  };
}
