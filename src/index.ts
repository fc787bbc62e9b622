/** k8sfix's public API, for programs that embed it. */
export { loadCatalogue, defaultCatalogueDir, type LoadOptions, type LoadedCatalogue } from './catalogue/load-catalogue.js';
export { CatalogueError, isCatalogueError, type CatalogueProblem } from './catalogue/catalogue-error.js';
export type * from './catalogue/types.js';
export { createMatcher, MIN_SCORE } from './matcher/create-matcher.js';
export type { Analysis, Confidence, Evidence, Match, Matcher, MatchOptions, StreamMatcher } from './matcher/types.js';
export { normalizeLine, squeeze, stripAnsiAndControl, unescapeJsonText } from './matcher/normalize.js';
export { MAX_INPUT_CHARS } from './matcher/prepare-input.js';
