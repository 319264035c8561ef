import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/** Tables of src/platform/jobs (filled in by that module's owner). */
export async function up(_db: Kysely<unknown>, _adapter: DialectAdapter): Promise<void> {}
