import type { CatalogTables } from '../../catalog/tables.js';

/** Every table of the database, composed from each domain's own table types. */
export type Database = CatalogTables;
