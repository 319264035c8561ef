import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';
import * as m0001 from './0001-catalog.js';
import * as m0002 from './0002-inventory.js';
import * as m0003 from './0003-osquery.js';
import * as m0004 from './0004-reminders.js';
import * as m0005 from './0005-compliance-snapshots.js';
import * as m0006 from './0006-jobs.js';
import * as m0007 from './0007-api-tokens.js';
import * as m0008 from './0008-web-auth.js';
import * as m0009 from './0009-stored-findings.js';
import * as m0010 from './0010-host-identity.js';
import * as m0011 from './0011-osquery-enrollment.js';
import * as m0012 from './0012-digest-actions.js';
import * as m0013 from './0013-login-attempts.js';
import * as m0014 from './0014-host-model.js';
import * as m0015 from './0015-host-status.js';
import * as m0017 from './0017-reminder-history.js';
import * as m0018 from './0018-job-outcome.js';

export interface Migration {
  readonly id: string;
  up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void>;
}

/** The one forward-only list of migrations, for SQLite and PostgreSQL alike. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  { id: '0001-catalog', up: m0001.up },
  { id: '0002-inventory', up: m0002.up },
  { id: '0003-osquery', up: m0003.up },
  { id: '0004-reminders', up: m0004.up },
  { id: '0005-compliance-snapshots', up: m0005.up },
  { id: '0006-jobs', up: m0006.up },
  { id: '0007-api-tokens', up: m0007.up },
  { id: '0008-web-auth', up: m0008.up },
  { id: '0009-stored-findings', up: m0009.up },
  { id: '0010-host-identity', up: m0010.up },
  { id: '0011-osquery-enrollment', up: m0011.up },
  { id: '0012-digest-actions', up: m0012.up },
  { id: '0013-login-attempts', up: m0013.up },
  { id: '0014-host-model', up: m0014.up },
  { id: '0015-host-status', up: m0015.up },
  { id: '0017-reminder-history', up: m0017.up },
  { id: '0018-job-outcome', up: m0018.up },
];
