import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;
export type Button = types.Button;

/** A message as chat.postMessage and response_url take it: blocks plus the notification text. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}
