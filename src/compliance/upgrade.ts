import type { CatalogEntry } from '../catalog/catalog.js';
import { hardwareLabel, type HostHardware } from './hardware.js';
import type { ProductView } from './product-view.js';
import { majorNumber } from '../catalog/support-window.js';

/** Where a host on an unsupported major must go: a supported major, or new hardware. */
export type Upgrade =
  | { readonly kind: 'upgrade'; readonly to: CatalogEntry; readonly reason: string }
  | { readonly kind: 'replace-hardware'; readonly reason: string };

/**
 * The way out for a host on a major that no longer gets security fixes. With the model known,
 * the target is the newest supported major the hardware runs (telling a 2017 MacBook to install
 * macOS 26 helps nobody), and a model that runs no supported major needs replacing. Without it,
 * any supported major will do, so the floor is the oldest one.
 */
export function upgradeFor(
  view: ProductView,
  installedMajor: string,
  oldest: CatalogEntry,
  hardware: HostHardware | null,
): Upgrade {
  const { product } = view;
  const from = `${product.name} ${installedMajor}`;
  if (hardware?.maxMajor == null) {
    return {
      kind: 'upgrade',
      to: oldest,
      reason: `${from} is no longer supported: upgrade required (to ${osName(view, oldest)} (${oldest.version}) or later)`,
    };
  }
  const max = hardware.maxMajor;
  const runnable = view.entries
    .filter((e) => e.supported && (majorNumber(e) ?? Infinity) <= max)
    .sort((a, b) => (majorNumber(b) ?? 0) - (majorNumber(a) ?? 0));
  const device = product.platform === 'macos' ? 'Mac' : 'device';
  const label = hardwareLabel(hardware);
  const to = runnable[0];
  if (!to) {
    return {
      kind: 'replace-hardware',
      reason: `this ${device} can no longer get security updates; it needs replacing (${label} runs ${product.name} ${max} at most, which no longer gets security fixes)`,
    };
  }
  return {
    kind: 'upgrade',
    to,
    reason: `${from} no longer gets security updates: upgrade to ${osName(view, to)} (${to.version}), the newest ${product.name} this ${device} (${label}) can run`,
  };
}

/** "macOS Sequoia 15" from SOFA's "Sequoia 15"; iOS tracks are already named "iOS 18". */
function osName(view: ProductView, entry: CatalogEntry): string {
  const { name } = view.product;
  return entry.trackName.startsWith(name) ? entry.trackName : `${name} ${entry.trackName}`;
}
