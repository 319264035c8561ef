import { ChromeReleasesSource } from './chrome-releases/index.js';
import { ChromeSource } from './chrome/index.js';
import { CustomSource } from './custom/index.js';
import { EdgeSource } from './edge/index.js';
import { FirefoxSource } from './firefox/index.js';
import { HomebrewSource } from './homebrew/index.js';
import { SofaIosSource } from './sofa-ios/index.js';
import { SofaMacosSource } from './sofa-macos/index.js';
import type { FeedSource } from './types.js';

/** Every feed source, by id. Adding a feed is one folder and one line here. */
export const feedSources: ReadonlyMap<string, FeedSource> = new Map<string, FeedSource>([
  [SofaMacosSource.id, new SofaMacosSource()],
  [SofaIosSource.id, new SofaIosSource()],
  [ChromeSource.id, new ChromeSource()],
  [ChromeReleasesSource.id, new ChromeReleasesSource()],
  [FirefoxSource.id, new FirefoxSource()],
  [EdgeSource.id, new EdgeSource()],
  [HomebrewSource.id, new HomebrewSource()],
  [CustomSource.id, new CustomSource()],
]);

/** The source id whose feeds are configured as a list (`feeds.custom: [...]`). */
export const CUSTOM_SOURCE_ID = CustomSource.id;
