/** Tables of the dashboard's accounts and sessions (filled in by its owner). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WebTables {}
