import { isOffThreadMatcher, type AnyMatcher, type MatchOptions } from './types.js';

/** The platforms to match with, asked at each call (the connected clusters' platforms change as they are seen). */
export type PlatformsSource = () => Pick<MatchOptions, 'platforms' | 'platformsFrom'>;

/** The matcher with the deployment's platforms (asked of `source` at each call) added to every call that does not name its own. */
export function withPlatforms(matcher: AnyMatcher, source: PlatformsSource): AnyMatcher {
  const add = (options: MatchOptions = {}): MatchOptions => {
    if (options.platforms) return options;
    const found = source();
    return found.platforms && found.platforms.length > 0 ? { ...options, ...found } : options;
  };
  if (isOffThreadMatcher(matcher)) {
    return { offThread: true, analyze: (text, options) => matcher.analyze(text, add(options)), close: () => matcher.close() };
  }
  return { analyze: (text, options) => matcher.analyze(text, add(options)), match: (text, options) => matcher.match(text, add(options)) };
}
