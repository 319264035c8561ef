import type { InventoryConfig } from '../platform/config/config.js';
import type { InventoryConnector } from './connectors/types.js';
import type { ConfiguredConnector } from './sync.js';

/**
 * The connectors the config turns on, in a fixed order: a connector is on when its essential
 * setting is present (a URL, an enroll secret, a file list).
 */
export function configuredConnectors(
  inv: InventoryConfig,
  registry: ReadonlyMap<string, InventoryConnector>,
): ConfiguredConnector[] {
  const wanted: [string, boolean, Readonly<Record<string, unknown>>][] = [
    ['jamf', inv.jamf.url !== null, inv.jamf],
    ['fleet', inv.fleet.url !== null, inv.fleet],
    ['osquery', inv.osquery.enrollSecret !== null, inv.osquery],
    ['file', inv.files.length > 0, { files: inv.files }],
  ];
  return wanted.flatMap(([id, on, settings]) => {
    const connector = registry.get(id);
    return on && connector ? [{ connector, settings }] : [];
  });
}
