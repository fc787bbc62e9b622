import { isOffThreadMatcher, type Analysis, type AnyMatcher, type MatchOptions } from '../matcher/types.js';
import type { Metrics } from './metrics.js';
import { currentRequest } from './request-context.js';

/**
 * The matcher with its time and abstentions counted, labelled with the surface of the request it runs for.
 * Keeps the matcher's kind: an in-process matcher stays synchronous, the worker pool stays off-thread.
 */
export function instrumentMatcher(matcher: AnyMatcher, metrics: Metrics): AnyMatcher {
  const observe = (started: number, analysis: Analysis | undefined): void => {
    const surface = currentRequest()?.record.surface ?? 'unknown';
    metrics.matchDuration.observe({ surface }, (performance.now() - started) / 1000);
    if (analysis && analysis.matches.length === 0) metrics.abstentions.inc({ surface });
  };
  if (isOffThreadMatcher(matcher)) {
    return {
      offThread: true,
      close: () => matcher.close(),
      analyze: async (text: string, options?: MatchOptions) => {
        const started = performance.now();
        try {
          const analysis = await matcher.analyze(text, options);
          observe(started, analysis);
          return analysis;
        } catch (error) {
          observe(started, undefined);
          throw error;
        }
      },
    };
  }
  return {
    match: (text, options) => matcher.match(text, options),
    analyze: (text, options) => {
      const started = performance.now();
      try {
        const analysis = matcher.analyze(text, options);
        observe(started, analysis);
        return analysis;
      } catch (error) {
        observe(started, undefined);
        throw error;
      }
    },
  };
}
