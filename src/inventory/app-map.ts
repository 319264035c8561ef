import type { AppKeyKind, HostPlatform, InstalledApp } from './model.js';

/**
 * App-to-product mapping: `<kind>:<key>` -> catalog product id. A key ending in `*` matches any
 * key with that prefix (Windows programs carry their architecture and locale in the name:
 * "Mozilla Firefox (x64 en-US)"). Keys compare case-insensitively, as bundle ids do on macOS.
 */
export type AppMap = Readonly<Record<string, string>>;

export const DEFAULT_APP_MAP: AppMap = {
  'bundle-id:com.google.Chrome': 'chrome',
  'bundle-id:org.mozilla.firefox': 'firefox',
  'bundle-id:com.microsoft.edgemac': 'edge',
  'bundle-id:us.zoom.xos': 'zoom',
  'bundle-id:com.tinyspeck.slackmacgap': 'slack',
  'bundle-id:com.docker.docker': 'docker',
  'bundle-id:com.1password.1password': '1password',
  'program:Google Chrome': 'chrome',
  'program:Mozilla Firefox*': 'firefox',
  'program:Microsoft Edge': 'edge',
  'program:Zoom*': 'zoom',
  'program:Slack*': 'slack',
  'package:google-chrome-stable': 'chrome',
  'package:firefox': 'firefox',
  'package:firefox-esr': 'firefox',
  'package:microsoft-edge-stable': 'edge',
};

/** The OS itself is a product too: a Mac's macOS version is checked against the macOS catalog. */
export const OS_PRODUCTS: Partial<Record<HostPlatform, string>> = { macos: 'macos', ios: 'ios' };

export interface CompiledAppMap {
  productOf(kind: AppKeyKind, key: string): string | null;
}

/** Merge config overrides over the defaults (an override with value "" removes a default). */
export function compileAppMap(overrides: AppMap = {}): CompiledAppMap {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...DEFAULT_APP_MAP, ...overrides }))
    merged[k.toLowerCase()] = v;
  const exact = new Map<string, string>();
  const prefixes: [string, string][] = [];
  for (const [k, v] of Object.entries(merged)) {
    if (v === '') continue;
    if (k.endsWith('*')) prefixes.push([k.slice(0, -1), v]);
    else exact.set(k, v);
  }
  // Longest prefix first, so a specific pattern beats a general one.
  prefixes.sort((a, b) => b[0].length - a[0].length);
  return {
    productOf(kind, key) {
      const full = `${kind}:${key}`.toLowerCase();
      return exact.get(full) ?? prefixes.find(([p]) => full.startsWith(p))?.[1] ?? null;
    },
  };
}

export interface ProductVersion {
  readonly product: string;
  readonly version: string;
}

/**
 * The watched products on one host: its OS plus every mapped app. When one product appears
 * twice (two copies of an app), the first wins: sources list the main install first.
 */
export function productVersions(
  platform: HostPlatform,
  osVersion: string | null,
  apps: readonly InstalledApp[] | null,
  map: CompiledAppMap,
): ProductVersion[] {
  const out = new Map<string, string>();
  const os = OS_PRODUCTS[platform];
  if (os && osVersion) out.set(os, osVersion);
  for (const app of apps ?? []) {
    const product = map.productOf(app.kind, app.key);
    const version = normalizeVersion(app.kind, app.version);
    if (product && !out.has(product) && version !== '') out.set(product, version);
  }
  return [...out].map(([product, version]) => ({ product, version }));
}

/**
 * Linux packages carry packaging around the upstream version: an epoch (`1:`) and a Debian or
 * RPM revision (`-1`, `-1.el9`). Vendors' feeds publish the upstream version only, so that is
 * what is compared.
 */
export function normalizeVersion(kind: InstalledApp['kind'], raw: string): string {
  const v = raw.trim();
  if (kind !== 'package') return v;
  return v.replace(/^\d+:/, '').replace(/-[^-]*$/, '');
}
