import { describe, expect, it } from 'vitest';
import { versionSchemes } from '../catalog/versions/api.js';
import type { VersionSchemeId } from '../catalog/versions/types.js';
import { trackForVersion, type TrackLatest } from './track-of-host.js';

const FIREFOX: TrackLatest[] = [
  { track: 'release', version: '145.0.1' },
  { track: 'esr', version: '140.5.0' },
  { track: 'esr115', version: '115.30.0' },
];
const CHROME: TrackLatest[] = [
  { track: 'stable', version: '153.0.8010.53' },
  { track: 'extended', version: '152.0.7977.120' },
];
// A Windows host's tracks, as tracksForPlatform hands them over.
const CHROME_WINDOWS: TrackLatest[] = [
  { track: 'beta/windows', version: '154.0.8037.44' },
  { track: 'stable/windows', version: '153.0.8010.53' },
  { track: 'extended/windows', version: '152.0.7977.120' },
];
const MACOS: TrackLatest[] = [
  { track: '26', version: '26.6.2' },
  { track: '15', version: '15.7.9' },
];

function place(scheme: VersionSchemeId, version: string, tracks: TrackLatest[]): string | null {
  const parsed = versionSchemes[scheme].parse(version);
  if (!parsed.ok) throw new Error(parsed.error);
  return trackForVersion(scheme, parsed.value, tracks);
}

describe('trackForVersion', () => {
  it.each([
    ['macOS by major', 'apple-os', '15.6.1', MACOS, '15'],
    ['a macOS major the feed does not list', 'apple-os', '11.7.10', MACOS, null],
    ['Firefox release', 'dotted', '144.0.2', FIREFOX, 'release'],
    ['Firefox ESR by its major, not judged against release', 'dotted', '140.3.1', FIREFOX, 'esr'],
    ['an older ESR line', 'dotted', '115.28.0', FIREFOX, 'esr115'],
    ['a Firefox major no track has falls back to release', 'dotted', '139.0', FIREFOX, 'release'],
    // Chrome's extended channel is one major behind stable: a lagging stable host stays on stable.
    ['Chrome one major behind', 'chrome', '152.0.7977.83', CHROME, 'stable'],
    // A platform's own channel tracks: the main one is stable/windows, not the newest (beta).
    ['Chrome on Windows', 'chrome', '152.0.7977.83', CHROME_WINDOWS, 'stable/windows'],
    [
      'Firefox ESR on Windows',
      'dotted',
      '140.3.1',
      [
        { track: 'release/windows', version: '145.0.1' },
        { track: 'esr/windows', version: '140.5.0' },
      ],
      'esr/windows',
    ],
  ] as const)('%s', (_name, scheme, version, tracks, want) => {
    expect(place(scheme, version, [...tracks])).toBe(want);
  });

  it('keeps a host on the release channel when its major is the release major and an ESR', () => {
    const branching: TrackLatest[] = [
      { track: 'release', version: '140.0.4' },
      { track: 'esr', version: '140.0.4' },
    ];
    expect(place('dotted', '140.0.2', branching)).toBe('release');
  });
});
