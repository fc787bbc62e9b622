import { slackTextToPlain } from './escape.js';

/**
 * Where a message keeps its text besides `text`. Monitoring bots put the error in legacy attachments
 * (Alertmanager: `attachments[0].title/text/fields`; PagerDuty: title and fields) or in blocks (Robusta:
 * section blocks, some inside `attachments[].blocks`); workflows and some clients send `rich_text` blocks with
 * an empty `text`. Everything here is read defensively: a field of the wrong type is skipped, never thrown on.
 */
export interface MessageParts {
  text?: unknown;
  attachments?: unknown;
  blocks?: unknown;
}

/** Nesting deeper than this (lists in quotes in lists...) is not followed: Slack's own editor nests a few levels. */
const MAX_DEPTH = 8;
/** Slack's limit on a message's `text`; longer texts and block texts are not compared with each other. */
const MAX_COMPARED = 40_000;
/** More than this many attachments or blocks are not read (Slack allows 100 attachments and 50 blocks). */
const MAX_ITEMS = 100;

/**
 * The plain text a message carries: `text`, then each attachment's pretext, title, text and fields (as
 * `title: value` lines, so alert labels keep their names), then the text of blocks that `text` does not already
 * hold (a person's `text` is the rendering of their rich_text block, a bot's is often only a fallback).
 * `typed` is `text` already made plain (mentions of k8sfix removed); by default, `text` as it came.
 */
export function extractMessageText(message: MessageParts, typed: string = plain(message.text)): string {
  const parts: string[] = [];
  const text = typed.trim();
  if (text) parts.push(text);
  for (const attachment of items(message.attachments)) {
    if (!isRecord(attachment)) continue;
    for (const field of ['pretext', 'title', 'text'] as const) pushText(parts, attachment[field]);
    for (const field of items(attachment.fields)) {
      if (!isRecord(field)) continue;
      const title = plain(field.title);
      const value = plain(field.value);
      if (value) parts.push(title ? `${title}: ${value}` : value);
    }
    pushBlocks(parts, attachment.blocks, text);
    // A fallback alone is what an attachment with nothing else shows in notifications.
    if (!attachment.text && !attachment.title && !attachment.fields && !attachment.blocks) pushText(parts, attachment.fallback);
  }
  pushBlocks(parts, message.blocks, text);
  return parts.join('\n');
}

function pushBlocks(parts: string[], blocks: unknown, alreadyInText: string): void {
  const lines: string[] = [];
  for (const block of items(blocks)) blockText(block, lines, 0);
  const fromBlocks = lines.join('\n').trim();
  if (!fromBlocks) return;
  // The rich_text a client sends with `text` renders to that same text: reading it again adds nothing. Slack cuts
  // `text` at 40,000 characters, so anything longer is not a person's rendering and is not compared (which would
  // cost hundreds of milliseconds on the event loop for a megabyte).
  if (alreadyInText) {
    if (alreadyInText.length > MAX_COMPARED || fromBlocks.length > MAX_COMPARED) return;
    if (squeeze(alreadyInText).includes(squeeze(fromBlocks))) return;
  }
  parts.push(fromBlocks);
}

function blockText(block: unknown, out: string[], depth: number): void {
  if (!isRecord(block) || depth > MAX_DEPTH) return;
  switch (block.type) {
    case 'rich_text':
      for (const element of items(block.elements)) richElement(element, out, depth + 1);
      return;
    case 'section':
      pushPlain(out, textObject(block.text));
      for (const field of items(block.fields)) pushPlain(out, textObject(field));
      return;
    case 'header':
      pushPlain(out, textObject(block.text));
      return;
    case 'context':
      for (const element of items(block.elements)) pushPlain(out, textObject(element));
      return;
    case 'markdown':
      pushText(out, block.text);
      return;
    default:
      return;
  }
}

/** rich_text_section, rich_text_preformatted, rich_text_quote: runs of inline elements; rich_text_list: sections. */
function richElement(element: unknown, out: string[], depth: number): void {
  if (!isRecord(element) || depth > MAX_DEPTH) return;
  if (element.type === 'rich_text_list') {
    for (const item of items(element.elements)) richElement(item, out, depth + 1);
    return;
  }
  if (element.type !== 'rich_text_section' && element.type !== 'rich_text_preformatted' && element.type !== 'rich_text_quote') return;
  let line = '';
  for (const inline of items(element.elements)) {
    if (!isRecord(inline)) continue;
    if (inline.type === 'text' && typeof inline.text === 'string') line += inline.text;
    else if (inline.type === 'link' && typeof inline.url === 'string') line += typeof inline.text === 'string' && inline.text ? inline.text : inline.url;
    else if (inline.type === 'user' && typeof inline.user_id === 'string') line += `@${inline.user_id}`;
    else if (inline.type === 'channel' && typeof inline.channel_id === 'string') line += `#${inline.channel_id}`;
    else if (inline.type === 'emoji' && typeof inline.name === 'string') line += `:${inline.name}:`;
    else if (inline.type === 'broadcast' && typeof inline.range === 'string') line += `@${inline.range}`;
  }
  if (line.trim()) out.push(line);
}

/** A text object `{ type: 'mrkdwn' | 'plain_text', text }`; mrkdwn is turned back into what was meant. */
function textObject(value: unknown): string {
  if (!isRecord(value) || typeof value.text !== 'string') return '';
  return value.type === 'mrkdwn' ? slackTextToPlain(value.text) : value.text;
}

function pushText(out: string[], value: unknown): void {
  const text = plain(value);
  if (text) out.push(text);
}

function pushPlain(out: string[], text: string): void {
  if (text.trim()) out.push(text.trim());
}

function plain(value: unknown): string {
  return typeof value === 'string' ? slackTextToPlain(value).trim() : '';
}

function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value.slice(0, MAX_ITEMS) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whitespace, backticks and mrkdwn emphasis removed: how `text` and the blocks it came from are compared. */
function squeeze(text: string): string {
  return text.replace(/[\s`*_~>]+/g, '');
}
