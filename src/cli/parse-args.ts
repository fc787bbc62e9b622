import { UsageError } from './cli-io.js';
import type { Lang } from '../catalogue/types.js';

export interface MatchArgs {
  text: string[];
  json: boolean;
  lang: Lang;
  top: number;
  contexts: string[];
  allContexts: boolean;
  catalogueDir?: string;
}

/** Parses `k8sfix [options] [text...]`; throws UsageError with a message that says what to change. */
export function parseMatchArgs(args: string[], defaultLang: Lang): MatchArgs {
  const parsed: MatchArgs = { text: [], json: false, lang: defaultLang, top: 3, contexts: [], allContexts: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = (): string => {
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--') {
      parsed.text.push(...args.slice(i + 1));
      break;
    }
    switch (arg) {
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
        if (!Number.isInteger(top) || top < 1 || top > 50) throw new UsageError(`--top takes a whole number from 1 to 50, not "${raw}"`);
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
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
        parsed.text.push(arg);
    }
  }
  if (parsed.allContexts && parsed.contexts.length > 0) throw new UsageError('give either --context NAME or --all-contexts, not both');
  return parsed;
}
