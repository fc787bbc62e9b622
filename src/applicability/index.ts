export { checkApplicability, type ApplicabilityEntry } from './check-applicability.js';
export { compareToBound } from './compare-to-bound.js';
export { parseVersion, type ParsedVersion } from './parse-version.js';
export { versionInRanges } from './version-in-ranges.js';
export type { ApplicabilityResult, Judgement, Truth, Verdict } from './types.js';
