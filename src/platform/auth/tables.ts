/** Tables of API tokens (filled in by its owner). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuthTables {}
