import { loadCatalogue, type LoadedCatalogue } from '../../src/catalogue/load-catalogue.js';
import { createMatcher } from '../../src/matcher/create-matcher.js';
import type { StreamMatcher } from '../../src/matcher/types.js';

let shared: Promise<{ catalogue: LoadedCatalogue; matcher: StreamMatcher }> | undefined;

/** The package's real catalogue and a matcher over it, loaded once per test file. */
export function realCatalogue(): Promise<{ catalogue: LoadedCatalogue; matcher: StreamMatcher }> {
  shared ??= loadCatalogue().then((catalogue) => ({ catalogue, matcher: createMatcher(catalogue) }));
  return shared;
}
