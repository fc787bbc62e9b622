import type { Logger, webApi } from '@slack/bolt';
import type { Lang } from '../catalogue/types.js';
import type { Store } from '../store/store.js';

const LOCALE_TTL_MS = 24 * 60 * 60 * 1000;
const LOOKUP_BUDGET_MS = 1000;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

export interface LanguageInput {
  /** `--lang` from the command, when given. */
  flag?: Lang;
  /** What the user wrote (a Korean question around a pasted log means a Korean reader). */
  text: string;
  user?: string;
}

/**
 * The answer language: an explicit `--lang`, else Korean when the user wrote Korean, else the user's Slack
 * locale (users.info, cached a day), else the configured default.
 */
export class LanguageResolver {
  constructor(
    private readonly defaultLang: Lang,
    private readonly store: Store,
    private readonly logger?: Logger,
  ) {}

  async resolve(input: LanguageInput, client: webApi.WebClient): Promise<Lang> {
    if (input.flag) return input.flag;
    if (HANGUL.test(input.text.slice(0, 20_000))) return 'ko';
    if (!input.user) return this.defaultLang;
    // The locale is a nicety: never let a slow or rate-limited users.info hold the answer.
    const locale = await Promise.race([
      this.localeOf(input.user, client),
      new Promise<undefined>((resolve) => setTimeout(resolve, LOOKUP_BUDGET_MS, undefined).unref()),
    ]);
    if (locale?.toLowerCase().startsWith('ko')) return 'ko';
    if (locale?.toLowerCase().startsWith('en')) return 'en';
    return this.defaultLang;
  }

  private async localeOf(user: string, client: webApi.WebClient): Promise<string | undefined> {
    const key = `slack:locale:${user}`;
    const cached = await this.store.get(key);
    if (cached !== undefined) return cached || undefined;
    try {
      const info = await client.users.info({ user, include_locale: true });
      const locale = info.user?.locale ?? '';
      await this.store.set(key, locale, LOCALE_TTL_MS);
      return locale || undefined;
    } catch (error) {
      this.logger?.debug(`k8sfix: no locale for ${user} (${String(error)}); using the default language`);
      return undefined;
    }
  }
}
