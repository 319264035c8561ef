/**
 * Environment overrides that point every feed at a running FeedStandIn: the demo and the tests
 * use the real config loader with these, exactly as an admin would override a URL.
 */
export function standInFeedEnv(baseUrl: string): Record<string, string> {
  return {
    PATCHBAY_FEEDS__SOFA_MACOS__URL: `${baseUrl}/sofa/v1/macos_data_feed.json`,
    PATCHBAY_FEEDS__SOFA_IOS__URL: `${baseUrl}/sofa/v1/ios_data_feed.json`,
    PATCHBAY_FEEDS__CHROME__URL: `${baseUrl}/versionhistory/v1/chrome`,
    // The stand-in has real captures for these only: no sample of the extended channel exists.
    PATCHBAY_FEEDS__CHROME__CHANNELS: 'stable',
    // Only mac: the stand-in's win capture (2026-09-27) is younger than the mac one and than
    // the demo clock, so reading it would show a Windows release before it came out. Windows
    // hosts fall back to the Mac track, and their findings say so. Add `win` to read it.
    PATCHBAY_FEEDS__CHROME__PLATFORM: 'mac',
    PATCHBAY_FEEDS__CHROME_RELEASES__URL: `${baseUrl}/chromereleases/feeds/posts/default`,
    PATCHBAY_FEEDS__FIREFOX__URL: `${baseUrl}/product-details/1.0/firefox_versions.json`,
    PATCHBAY_FEEDS__EDGE__URL: `${baseUrl}/edge/api/products`,
    // One document holds every platform: each host is judged against its own.
    PATCHBAY_FEEDS__EDGE__PLATFORM: 'MacOS,Windows,Linux',
    PATCHBAY_FEEDS__HOMEBREW__URL: `${baseUrl}/homebrew/api/cask/`,
    PATCHBAY_FEEDS__HOMEBREW__CASKS: 'docker',
    PATCHBAY_FEEDS__CUSTOM: JSON.stringify([
      { name: 'acme-vpn', url: `${baseUrl}/custom/acme-vpn.json` },
    ]),
  };
}
