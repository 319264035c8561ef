import type { FindingWithHost } from '../compliance/findings-query.js';
import type { z } from 'zod';
import type { finding } from './schemas.js';

/** A finding with its host's name and owner, as `patchbay report --json` prints it. */
export function findingJson(f: FindingWithHost): z.input<typeof finding> {
  return {
    hostId: f.hostId,
    product: f.product,
    productName: f.productName,
    track: f.track,
    status: f.status,
    installed: f.installed,
    required: f.required,
    requiredReleasedAt: f.requiredReleasedAt,
    deadline: f.deadline,
    daysOverdue: f.daysOverdue,
    exploitedCves: [...f.exploitedCves],
    cveCount: f.cveCount,
    reason: f.reason,
    hostName: f.hostName,
    ownerEmail: f.ownerEmail,
  };
}
