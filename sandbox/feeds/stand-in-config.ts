/**
 * Environment overrides that point every feed at a running FeedStandIn: the demo and the tests
 * use the real config loader with these, exactly as an admin would override a URL.
 */
export function standInFeedEnv(baseUrl: string): Record<string, string> {
  return {
    PATCHBAY_FEEDS__SOFA_MACOS__URL: `${baseUrl}/sofa/v1/macos_data_feed.json`,
    PATCHBAY_FEEDS__SOFA_IOS__URL: `${baseUrl}/sofa/v1/ios_data_feed.json`,
  };
}
