/** Checks a message against Block Kit's limits; returns the violations (empty when Slack would accept it). */
import { LIMITS } from '../../src/slack/blocks/limits.js';

export function blockKitViolations(message: { text: string; blocks: unknown[] }): string[] {
  const problems: string[] = [];
  if (message.blocks.length > LIMITS.blocksPerMessage) problems.push(`${message.blocks.length} blocks`);
  if (message.text.length > LIMITS.messageText) problems.push('text too long');
  const checkText = (where: string, obj: { type?: string; text?: unknown }, limit: number): void => {
    const text = String(obj.text ?? '');
    if (text.length === 0) problems.push(`${where}: empty text`);
    if (text.length > limit) problems.push(`${where}: ${text.length} > ${limit}`);
    if (obj.type === 'mrkdwn' && (text.split('```').length - 1) % 2 === 1) problems.push(`${where}: unbalanced code fence`);
  };
  message.blocks.forEach((raw, i) => {
    const block = raw as Record<string, unknown> & { type: string };
    const where = `block ${i} (${block.type})`;
    if (block.type === 'section') checkText(where, block.text as object, LIMITS.sectionText);
    if (block.type === 'header') checkText(where, block.text as object, LIMITS.headerText);
    if (block.type === 'context') {
      const elements = block.elements as object[];
      if (elements.length > LIMITS.contextElements) problems.push(`${where}: ${elements.length} elements`);
      elements.forEach((e) => checkText(where, e, LIMITS.contextText));
    }
    if (block.type === 'actions') {
      for (const e of block.elements as { text: { text: string }; value?: string; action_id: string }[]) {
        if (e.text.text.length > LIMITS.buttonText) problems.push(`${where}: button text`);
        if ((e.value ?? '').length > LIMITS.buttonValue) problems.push(`${where}: button value`);
      }
    }
  });
  return problems;
}
