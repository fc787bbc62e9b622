import type { Logger } from '@slack/bolt';
import { section } from '../blocks/render-parts.js';
import { isResponseUrlError } from '../errors/response-url-error.js';
import { escapeInline } from '../escape.js';
import { noteFailure } from '../note-answer.js';

/**
 * The last resort of every listener: log the error and tell the user in plain words what happened and what to
 * do. When the reply itself cannot be posted there is nobody left to tell, so it is only logged.
 */
export async function reportFailure(
  error: unknown,
  logger: Logger,
  reply: (message: { text: string; blocks: unknown[] }) => Promise<unknown>,
): Promise<void> {
  const code = (error as { code?: unknown })?.code;
  const detail = error instanceof Error ? error.message : String(error);
  noteFailure(error);
  logger.error(`k8sfix: ${typeof code === 'string' ? `${code}: ` : ''}${detail}`);
  if (isResponseUrlError(error)) return;
  const text =
    ':warning: *k8sfix could not finish this answer.* ' +
    `${escapeInline(detail.slice(0, 300))}\nTry again in a minute; if it keeps failing, tell the k8sfix maintainers and include the time.`;
  try {
    await reply({ text: 'k8sfix could not finish this answer', blocks: [section(text)] });
  } catch (second) {
    logger.error(`k8sfix: could not tell the user about the failure either: ${String(second)}`);
  }
}
