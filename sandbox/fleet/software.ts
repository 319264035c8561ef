import type { GeneratedSoftware } from './generate.js';

// Real release versions, so the catalog's version schemes meet real strings.
export const CHROME = [
  '131.0.6778.86',
  '133.0.6943.142',
  '137.0.7151.120',
  '139.0.7258.155',
  '140.0.7339.133',
];
export const FIREFOX = ['133.0.3', '139.0.4', '141.0.3', '142.0.1'];
export const EDGE = ['131.0.2903.86', '139.0.3405.125', '140.0.3485.66'];

/** Which browsers a host has, and their versions. */
export interface Browsers {
  readonly chrome: string | null;
  readonly firefox: string | null;
  readonly edge: string | null;
}

/** Software of a Mac as Fleet lists it: `apps` with bundle ids, names ending in `.app`. */
export function macApps(b: Browsers): GeneratedSoftware[] {
  const apps: GeneratedSoftware[] = [
    {
      name: 'Slack.app',
      version: '4.41.105',
      source: 'apps',
      bundleIdentifier: 'com.tinyspeck.slackmacgap',
      installedPath: '/Applications/Slack.app',
    },
  ];
  if (b.chrome)
    apps.push({
      name: 'Google Chrome.app',
      version: b.chrome,
      source: 'apps',
      bundleIdentifier: 'com.google.Chrome',
      installedPath: '/Applications/Google Chrome.app',
    });
  if (b.firefox)
    apps.push({
      name: 'Firefox.app',
      version: b.firefox,
      source: 'apps',
      bundleIdentifier: 'org.mozilla.firefox',
      installedPath: '/Applications/Firefox.app',
    });
  if (b.edge)
    apps.push({
      name: 'Microsoft Edge.app',
      version: b.edge,
      source: 'apps',
      bundleIdentifier: 'com.microsoft.edgemac',
      installedPath: '/Applications/Microsoft Edge.app',
    });
  return apps;
}

/** Windows `programs`, keyed by display name. */
export function windowsPrograms(b: Browsers): GeneratedSoftware[] {
  const apps: GeneratedSoftware[] = [
    {
      name: 'Microsoft Edge',
      version: b.edge ?? '140.0.3485.66',
      source: 'programs',
      installedPath: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application',
    },
  ];
  if (b.chrome)
    apps.push({
      name: 'Google Chrome',
      version: b.chrome,
      source: 'programs',
      installedPath: 'C:\\Program Files\\Google\\Chrome\\Application',
    });
  if (b.firefox)
    apps.push({
      name: 'Mozilla Firefox (x64 en-US)',
      version: b.firefox,
      source: 'programs',
      installedPath: 'C:\\Program Files\\Mozilla Firefox',
    });
  return apps;
}

/** deb or rpm packages, keyed by package name. */
export function linuxPackages(b: Browsers, source: string): GeneratedSoftware[] {
  const apps: GeneratedSoftware[] = [
    {
      name: 'openssl',
      version: source === 'deb_packages' ? '3.0.13-0ubuntu3.5' : '3.2.2',
      source,
      installedPath: '/usr/bin/openssl',
    },
  ];
  if (b.chrome)
    apps.push({
      name: 'google-chrome-stable',
      version: `${b.chrome}-1`,
      source,
      installedPath: '/opt/google/chrome',
    });
  if (b.firefox)
    apps.push({ name: 'firefox', version: b.firefox, source, installedPath: '/usr/lib/firefox' });
  return apps;
}
