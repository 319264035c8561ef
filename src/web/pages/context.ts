import type { ComplianceDeps } from '../../compliance/service.js';
import type { AppContext } from '../../context.js';

/** The compliance service's inputs, from the app context. */
export function complianceDeps(ctx: AppContext): ComplianceDeps {
  return { db: ctx.db, catalog: ctx.catalog, policies: ctx.loaded.config.policies };
}
