import type { ComplianceDeps, FindingsView } from '../compliance/service.js';
import type { Finding } from '../compliance/model.js';
import type { AppContext } from '../context.js';
import type { z } from 'zod';
import type { finding } from './schemas.js';

/** What the compliance service needs, from the context. */
export function complianceDeps(ctx: AppContext): ComplianceDeps {
  return { db: ctx.db, catalog: ctx.catalog, policies: ctx.loaded.config.policies };
}

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
