import type { Logger, webApi } from '@slack/bolt';
import type { Store } from '../store/store.js';
import { channelNameMatches, type SlackConfig } from './config.js';

const NAME_TTL_MS = 60 * 60 * 1000;

/**
 * Decides whether a channel is an incident channel: listed by id, or named after a pattern such as `inc-*`.
 * Names come from conversations.info (events carry only the id) and are cached on the store for an hour.
 */
export class IncidentChannels {
  constructor(
    private readonly config: SlackConfig['incidentChannels'],
    private readonly store: Store,
    private readonly logger?: Logger,
  ) {}

  get configured(): boolean {
    return this.config.ids.length > 0 || this.config.patterns.length > 0;
  }

  async includes(channel: string, client: webApi.WebClient): Promise<boolean> {
    if (this.config.ids.includes(channel)) return true;
    if (this.config.patterns.length === 0) return false;
    const name = await this.nameOf(channel, client);
    return name !== undefined && channelNameMatches(name, this.config.patterns);
  }

  /** For `/k8sfix help`: the configured ids and patterns as safe mrkdwn. */
  describe(): string {
    const parts = [...this.config.ids.map((id) => `<#${id}>`), ...this.config.patterns.map((p) => `\`#${p}\``)];
    return parts.length > 0 ? parts.join(', ') : 'none configured';
  }

  private async nameOf(channel: string, client: webApi.WebClient): Promise<string | undefined> {
    const key = `slack:channel-name:${channel}`;
    const cached = await this.store.get(key);
    if (cached !== undefined) return cached;
    try {
      const info = await client.conversations.info({ channel });
      const name = info.channel?.name;
      if (name) await this.store.set(key, name, NAME_TTL_MS);
      return name;
    } catch (error) {
      this.logger?.warn(`k8sfix: cannot read the name of channel ${channel} (${String(error)}); treating it as not an incident channel`);
      return undefined;
    }
  }
}
