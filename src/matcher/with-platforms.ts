import { isOffThreadMatcher, type AnyMatcher, type MatchOptions } from './types.js';

/** The matcher with the deployment's platforms added to every call that does not name its own. */
export function withPlatforms(matcher: AnyMatcher, platforms: readonly string[] | undefined): AnyMatcher {
  if (!platforms || platforms.length === 0) return matcher;
  const add = (options: MatchOptions = {}): MatchOptions => (options.platforms ? options : { ...options, platforms });
  if (isOffThreadMatcher(matcher)) {
    return { offThread: true, analyze: (text, options) => matcher.analyze(text, add(options)), close: () => matcher.close() };
  }
  return { analyze: (text, options) => matcher.analyze(text, add(options)), match: (text, options) => matcher.match(text, add(options)) };
}
