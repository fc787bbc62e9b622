import type { Lang } from '../catalogue/types.js';
import { UsageError } from './cli-io.js';

/** A Hangul word (two syllables or more): the user wrote Korean, so they read Korean. */
const HANGUL_WORD = /[\uac00-\ud7a3]{2}/;

/** K8SFIX_LANG: unset or empty means no preference; anything but en or ko is a mistake to say, not to ignore. */
export function langFromEnv(value: string | undefined): Lang | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const lang = value.trim().toLowerCase();
  if (lang === 'en' || lang === 'ko') return lang;
  throw new UsageError(`K8SFIX_LANG takes en or ko, not "${value}": unset it or set K8SFIX_LANG=ko`);
}

/**
 * The answer language, as the Slack app decides it: an explicit --lang, else Korean when the input has Korean
 * words (a Korean question around a pasted log means a Korean reader), else K8SFIX_LANG, else English.
 */
export function resolveLang(flag: Lang | undefined, inputHead: string, envLang: Lang | undefined): Lang {
  if (flag) return flag;
  if (HANGUL_WORD.test(inputHead)) return 'ko';
  return envLang ?? 'en';
}
