import { PRODUCT_NAMES, type Lang } from '../../catalogue/types.js';
import type { Match } from '../../matcher/types.js';
import { ACTION_IDS, FIX_ACTIONS_BLOCK_PREFIX } from '../action-ids.js';
import type { Answer } from '../answer.js';
import { codeBlock, escapeInline, escapeMrkdwn, inlineCode } from '../escape.js';
import { fallbackText } from './fallback-text.js';
import { feedbackRow } from './feedback-buttons.js';
import { LIMITS } from './limits.js';
import { clusterLines, context, header, section, sourceLinks, stepText } from './render-parts.js';
import { stringsFor } from './strings.js';
import type { Block, Button, SlackMessage } from './types.js';

export interface RenderAnswerOptions {
  /** Adds a "Post to channel" button carrying this stored-answer reference (answers only the caller sees). */
  shareRef?: string;
  /** Fix-action buttons for a match, shown in a row under it; none until fix actions exist. */
  actionsFor?: (match: Match) => Button[];
  /** Adds "Right issue" / "Wrong issue" under each match, carrying this stored feedback reference. */
  feedbackRef?: string;
}

/** How many evidence lines a match shows. */
const EVIDENCE_SHOWN = 2;
/** Blocks kept free at the end for the "more not shown" note, the buttons and the footer. */
const RESERVED_AT_END = 3;

/**
 * The full answer: for each match its title, confidence, evidence, cluster verdicts, remediation and source.
 * Stays within Block Kit's limits on any input: a match that does not fit is shown compactly, then not at all,
 * and the message says what was left out.
 */
export function renderAnswer(answer: Answer, options: RenderAnswerOptions = {}): SlackMessage {
  const s = stringsFor(answer.lang);
  const blocks: Block[] = [];
  if (answer.failure) {
    const [title, hint] =
      answer.failure.code === 'match_timeout' ? [s.tooSlow, s.tooSlowHint] : answer.failure.code === 'match_busy' ? [s.busy, s.busyHint] : [s.failed, s.failedHint];
    blocks.push(section(`${title}\n${hint}${inputLine(answer)}`), context([`${escapeMrkdwn(answer.failure.code)}`]));
    return { text: answer.failure.code === 'match_timeout' ? 'This paste took too long to read' : 'k8sfix could not analyse this text', blocks: withNotes(blocks, answer) };
  }
  if (answer.matches.length === 0) return renderNoMatch(answer);

  const shown = answer.matches.length;
  blocks.push(section((answer.total !== undefined && answer.total > shown ? s.showing(shown, answer.total) : s.found(shown)) + inputLine(answer)));
  const omitted: Match[] = [];
  answer.matches.forEach((match, i) => {
    if (omitted.length > 0) {
      omitted.push(match);
      return;
    }
    const room = LIMITS.blocksPerMessage - RESERVED_AT_END - answer.notes.length - blocks.length;
    const full = matchBlocks(answer, match, i, options, false);
    const compact = matchBlocks(answer, match, i, options, true);
    if (full.length <= room) blocks.push(...full);
    else if (compact.length <= room) blocks.push(...compact);
    else omitted.push(match);
  });
  if (omitted.length > 0) blocks.push(context([s.moreNotShown(omitted.length, omitted.map((m) => inlineCode(m.id)).join(', '))]));
  const withNotesAdded = withNotes(blocks, answer);
  if (options.shareRef) withNotesAdded.push(shareButton(options.shareRef, answer.lang));
  withNotesAdded.push(context([s.footer]));
  const first = answer.matches[0];
  const text = fallbackText(first ? `k8sfix: ${titleOf(first, answer.lang)}` : 'k8sfix');
  return { text, blocks: withNotesAdded.slice(0, LIMITS.blocksPerMessage) };
}

export function titleOf(match: Match, lang: Lang): string {
  return match.entry.title[lang] || match.title;
}

function matchBlocks(answer: Answer, match: Match, index: number, options: RenderAnswerOptions, compact: boolean): Block[] {
  const { lang } = answer;
  const s = stringsFor(lang);
  const blocks: Block[] = [];
  if (index > 0) blocks.push({ type: 'divider' });
  blocks.push(header(`${index + 1}. ${titleOf(match, lang)}`));
  const percent = Math.round(match.score * 100);
  blocks.push(context([`*${s.confidence[match.confidence]}* (${percent}%) · ${escapeMrkdwn(PRODUCT_NAMES[match.entry.product] ?? match.entry.product)} · ${inlineCode(match.id)}`]));
  // What the match assumed and how to confirm it (a bare line, or a cause seen on another platform).
  const caveat = match.context?.caveat?.[lang] ?? match.context?.caveat?.en;
  if (caveat) blocks.push(context([`:information_source: ${escapeMrkdwn(caveat)}`]));
  if (!compact) blocks.push(section(escapeMrkdwn(match.entry.summary[lang] || match.entry.summary.en)));
  const evidence = match.evidence
    .filter((e, i, all) => all.findIndex((o) => o.lineNumber === e.lineNumber) === i)
    .slice(0, compact ? 1 : EVIDENCE_SHOWN);
  if (evidence.length > 0) {
    blocks.push(section(evidence.map((e) => `${s.evidence(e.lineNumber)}\n${codeBlock(e.line)}`).join('\n')));
  }
  blocks.push(section(`${s.clusters}\n${clusterLines(answer.clusters, match.id, lang)}`));
  const steps = match.entry.remediation.map((_step, i) => stepText(match.entry, i, lang, match.context?.otherPlatform));
  if (compact) {
    blocks.push(section(`${s.fix}\n${steps[0] ?? ''}${steps.length > 1 ? `\n${s.stepsTruncated}` : ''}`));
  } else {
    blocks.push(...stepSections(`${s.fix}\n`, steps, s.stepsTruncated));
  }
  const links = sourceLinks(match.entry, lang);
  if (links) blocks.push(context([links]));
  const buttons = options.actionsFor?.(match) ?? [];
  if (buttons.length > 0) {
    blocks.push({ type: 'actions', block_id: `${FIX_ACTIONS_BLOCK_PREFIX}${match.id}`.slice(0, 255), elements: buttons.slice(0, 25) });
  }
  if (options.feedbackRef) blocks.push(feedbackRow(options.feedbackRef, index, lang));
  return blocks;
}

/** Packs steps into at most two sections of at most 3000 characters; a step that does not fit ends the list. */
function stepSections(heading: string, steps: string[], truncatedNote: string): Block[] {
  const texts: string[] = [heading.trimEnd()];
  let dropped = false;
  for (const step of steps) {
    const last = texts.length - 1;
    const candidate = `${texts[last]}\n${step}`;
    if (candidate.length <= LIMITS.sectionText) texts[last] = candidate;
    else if (texts.length < 2) texts.push(step);
    else {
      dropped = true;
      break;
    }
  }
  if (dropped) texts[texts.length - 1] += `\n${truncatedNote}`;
  return texts.map(section);
}

/** The input notes (files skipped, the tail of a large log) as lines under the answer's first line. */
export function inputLine(answer: Answer): string {
  const notes = (answer.inputNotes ?? []).slice(0, 5);
  return notes.length > 0 ? `\n${notes.map((note) => `:page_facing_up: ${escapeInline(note)}`).join('\n')}` : '';
}

function withNotes(blocks: Block[], answer: Answer): Block[] {
  return answer.notes.length > 0
    ? [...blocks, context(answer.notes.slice(0, LIMITS.contextElements).map((n) => `_${escapeInline(n)}_`))]
    : [...blocks];
}

function renderNoMatch(answer: Answer): SlackMessage {
  const s = stringsFor(answer.lang);
  const preview = answer.query.trim().slice(0, 500);
  const blocks: Block[] = [section(`${s.noMatch}${inputLine(answer)}\n${s.noMatchHint}`)];
  if (preview) blocks.push(section(`${s.youSearched}:\n${codeBlock(preview + (answer.query.trim().length > 500 ? '\n…' : ''))}`));
  const all = withNotes(blocks, answer);
  all.push(context([s.footer]));
  return { text: 'k8sfix: no known issue matched', blocks: all };
}

export function shareButton(ref: string, lang: Lang): Block {
  return {
    type: 'actions',
    block_id: 'k8sfix_share',
    elements: [
      { type: 'button', action_id: ACTION_IDS.share, text: { type: 'plain_text', text: stringsFor(lang).share }, value: ref },
    ],
  };
}
