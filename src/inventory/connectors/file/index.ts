import { stat } from 'node:fs/promises';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { ConnectorContext, InventoryConnector, InventoryPage } from '../types.js';
import { readCsvHosts } from './read-csv.js';
import { readJsonHosts } from './read-json.js';
import { fileSettingsSchema, type FileSettings } from './schema.js';

/** Rows (CSV) or hosts (JSON) per page. */
export const FILE_PAGE_SIZE = 1000;

/** Validate the connector's settings; E_CONFIG_INVALID names `inventory.files`. */
export function parseFileSettings(settings: Readonly<Record<string, unknown>>): FileSettings {
  const res = fileSettingsSchema.safeParse(settings);
  if (res.success) return res.data;
  const first = res.error.issues[0];
  const at =
    first?.path
      .slice(1)
      .map((p) => `[${String(p)}]`)
      .join('') ?? '';
  throw new PatchbayError(
    'E_CONFIG_INVALID',
    `inventory.files${at}: ${first?.message ?? 'invalid'}`,
    {
      key: 'inventory.files',
    },
  );
}

async function mustBeFile(file: string): Promise<void> {
  try {
    if ((await stat(file)).isFile()) return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? 'error'})`;
    throw new PatchbayError(
      'E_INVENTORY_FILE',
      `Inventory file ${file} ${why}`,
      { source: 'file', file },
      { cause: err },
    );
  }
  throw new PatchbayError('E_INVENTORY_FILE', `Inventory file ${file} is not a file`, {
    source: 'file',
    file,
  });
}

/**
 * Hosts from CSV or JSON exports (demos, air-gapped sites, MDMs without a connector). Files are
 * read in the order given; a missing file stops the read before any of its hosts.
 */
export class FileConnector implements InventoryConnector {
  static readonly id = 'file';
  readonly id = FileConnector.id;

  constructor(private readonly pageSize = FILE_PAGE_SIZE) {}

  async *read(ctx: ConnectorContext): AsyncIterable<InventoryPage> {
    const { files } = parseFileSettings(ctx.settings);
    for (const file of files) {
      await mustBeFile(file);
      const pages = file.toLowerCase().endsWith('.json')
        ? readJsonHosts(file, this.pageSize)
        : readCsvHosts(file, this.pageSize);
      yield* pages;
    }
  }
}
