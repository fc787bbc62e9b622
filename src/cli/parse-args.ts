import { UsageError } from './cli-io.js';
import type { Lang } from '../catalogue/types.js';
import { PLATFORM_NAMES, readPlatformNames } from '../matcher/platforms-from-env.js';

export interface MatchArgs {
  /** Positional arguments: error text, or files to read (see input-source.ts for the rule). */
  text: string[];
  /** Arguments after `--`: always text, never files. */
  literal: string[];
  json: boolean;
  /** --lang, when given; otherwise the input's language or K8SFIX_LANG decides. */
  lang?: Lang;
  top: number;
  contexts: string[];
  allContexts: boolean;
  /** --platform, repeatable or comma-separated: the platforms the clusters run; when given, K8SFIX_PLATFORMS is not read. */
  platforms: string[];
  catalogueDir?: string;
}

const WITH_VALUE = new Set(['--lang', '--top', '--context', '--catalogue', '--platform']);

/**
 * Parses `k8sfix [options] [text or FILE...]`; options take `--top 2` or `--top=2`. Throws UsageError with a
 * message that says what to change.
 */
export function parseMatchArgs(args: string[]): MatchArgs {
  const parsed: MatchArgs = { text: [], literal: [], json: false, top: 3, contexts: [], allContexts: false, platforms: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      parsed.literal.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      parsed.text.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const value = (): string => {
      if (inline !== undefined) {
        if (inline === '') throw new UsageError(`${name}= needs a value`);
        return inline;
      }
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    };
    if (inline !== undefined && !WITH_VALUE.has(name)) throw new UsageError(`${name} takes no value`);
    switch (name) {
      case '--json':
        parsed.json = true;
        break;
      case '--lang': {
        const lang = value();
        if (lang !== 'en' && lang !== 'ko') throw new UsageError(`--lang takes en or ko, not "${lang}"`);
        parsed.lang = lang;
        break;
      }
      case '--top': {
        const raw = value();
        const top = Number(raw);
        if (!/^\d+$/.test(raw) || !Number.isInteger(top) || top < 1 || top > 50) throw new UsageError(`--top takes a whole number from 1 to 50, not "${raw}"`);
        parsed.top = top;
        break;
      }
      case '--context':
        parsed.contexts.push(value());
        break;
      case '--all-contexts':
        parsed.allContexts = true;
        break;
      case '--catalogue':
        parsed.catalogueDir = value();
        break;
      case '--platform': {
        const raw = value();
        const { names, unknown } = readPlatformNames(raw);
        // An empty name ("gke,") is a mistake on the command line, as an unknown one is.
        const wrong = unknown[0] ?? (raw.split(',').length > names.length ? '' : undefined);
        if (wrong !== undefined) throw new UsageError(`--platform takes ${PLATFORM_NAMES.join(', ')}, not "${wrong.slice(0, 30)}"`);
        for (const name of names) if (!parsed.platforms.includes(name)) parsed.platforms.push(name);
        break;
      }
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  if (parsed.allContexts && parsed.contexts.length > 0) throw new UsageError('give either --context NAME or --all-contexts, not both');
  return parsed;
}

/** True when `--help`/`-h` (or `--version`) stands anywhere before a `--`. */
export function hasFlag(args: string[], ...flags: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => flags.includes(arg));
}
