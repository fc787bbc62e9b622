import type { Truth } from './types.js';

/** Three-valued AND: false wins, then unknown. */
export function allOf(truths: Truth[]): Truth {
  if (truths.includes('false')) return 'false';
  return truths.includes('unknown') ? 'unknown' : 'true';
}

/** Three-valued OR: true wins, then unknown. */
export function anyOf(truths: Truth[]): Truth {
  if (truths.includes('true')) return 'true';
  return truths.includes('unknown') ? 'unknown' : 'false';
}
