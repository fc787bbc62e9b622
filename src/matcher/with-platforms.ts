import { isOffThreadMatcher, type AnyMatcher, type MatchOptions } from './types.js';

/** The platforms to match with, asked at each call (the connected clusters' platforms change as they are seen). */
export type PlatformsSource = () => Pick<MatchOptions, 'platforms' | 'platformsFrom'>;

/**
 * The matcher with the deployment's platforms added to every call that does not name its own: the fixed
 * `K8SFIX_PLATFORMS` list, or a source asked at each call.
 */
export function withPlatforms(matcher: AnyMatcher, platforms: readonly string[] | PlatformsSource | undefined): AnyMatcher {
  if (platforms === undefined || (Array.isArray(platforms) && platforms.length === 0)) return matcher;
  const source: PlatformsSource = typeof platforms === 'function' ? platforms : () => ({ platforms: platforms as readonly string[] });
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
