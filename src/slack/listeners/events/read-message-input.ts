import { readTextFiles } from '../../read-files.js';
import type { Services } from '../../services.js';
import { plainTextOf, type IncomingMessage } from '../../slack-message.js';

/** The text to match for a message: what was typed plus the text of its snippets and log files. */
export async function readMessageInput(
  services: Services,
  event: IncomingMessage,
  botUserId: string | undefined,
): Promise<{ typed: string; text: string; notes: string[] }> {
  const typed = plainTextOf(event, botUserId);
  if (!event.files || event.files.length === 0) return { typed, text: typed, notes: [] };
  const { texts, notes } = await readTextFiles(event.files, {
    botToken: services.config.botToken,
    maxBytes: services.config.maxFileBytes,
    trustedHosts: services.trustedFileHosts,
    fetch: services.fetch,
  });
  return { typed, text: [typed, ...texts].filter(Boolean).join('\n'), notes };
}
