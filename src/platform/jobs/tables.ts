/** Tables of the job scheduler (filled in by its owner). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobTables {}
