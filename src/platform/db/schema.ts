import type { CatalogTables } from '../../catalog/tables.js';
import type { ComplianceTables } from '../../compliance/tables.js';
import type { InventoryTables } from '../../inventory/tables.js';
import type { OsqueryTables } from '../../inventory/connectors/osquery/tables.js';
import type { ReminderTables } from '../../reminders/tables.js';
import type { WebTables } from '../../web/tables.js';
import type { AuthTables } from '../auth/tables.js';
import type { JobTables } from '../jobs/tables.js';

/** Every table of the database, composed from each domain's own table types. */
export type Database = CatalogTables &
  InventoryTables &
  OsqueryTables &
  ReminderTables &
  ComplianceTables &
  JobTables &
  AuthTables &
  WebTables;
