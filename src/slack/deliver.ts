import type { webApi } from '@slack/bolt';
import type { Lang } from '../catalogue/types.js';
import type { Answer } from './answer.js';
import type { AnswerOwner } from './answer-store.js';
import { renderAnswer } from './blocks/render-answer.js';
import { renderCompact } from './blocks/render-compact.js';
import type { SlackMessage } from './blocks/types.js';
import { addClusterVerdicts, buildAnswer, matchAnswer, type AnswerRequest } from './build-answer.js';
import { feedbackRefFor } from './feedback-ref.js';
import { fixActionButtons } from './fix-action-buttons.js';
import { noteAnswer, noteSurface } from './note-answer.js';
import { postToResponseUrl } from './respond.js';
import type { Services } from './services.js';

/**
 * Answers through a response_url, visible only to the caller, with a "Post to channel" button that only the
 * caller (`owner`), in the channel of the command, can use. When clusters are slow the answer is posted without
 * verdicts first and replaced when they arrive.
 */
export async function answerViaResponseUrl(services: Services, responseUrl: string, request: AnswerRequest, owner: AnswerOwner): Promise<void> {
  noteSurface('command');
  let pendingPosted = false;
  const post = (message: SlackMessage, replace: boolean) =>
    postToResponseUrl(
      responseUrl,
      { ...message, response_type: 'ephemeral', replace_original: replace },
      { fetch: services.fetch },
    );
  const answer = await buildAnswer(answerDeps(services), request, async (pending) => {
    await post(renderAnswer(pending), false);
    pendingPosted = true;
  });
  await post(await renderShareable(services, answer, owner), pendingPosted);
  noteAnswer('command', answer);
}

/**
 * Answers a mention in its thread (or a direct message, in the conversation when `threadTs` is absent) with the
 * full answer, updating it in place when cluster verdicts arrive late.
 */
export async function answerInThread(
  services: Services,
  client: webApi.WebClient,
  target: { channel: string; threadTs?: string },
  request: AnswerRequest,
): Promise<void> {
  noteSurface('mention');
  let pendingTs: string | undefined;
  const where = { channel: target.channel, ...(target.threadTs ? { thread_ts: target.threadTs } : {}) };
  const answer = await buildAnswer(answerDeps(services), request, async (pending) => {
    const posted = await client.chat.postMessage({ ...where, ...renderAnswer(pending) });
    pendingTs = posted.ts;
  });
  const actionsFor = await fixActionButtons(services, answer, { channel: target.channel, ...(target.threadTs ? { threadTs: target.threadTs } : {}) });
  const message = renderAnswer(answer, { ...(await feedbackRefFor(services, 'mention', answer)), actionsFor });
  if (pendingTs) await client.chat.update({ channel: target.channel, ts: pendingTs, ...message });
  else await client.chat.postMessage({ ...where, ...message });
  noteAnswer('mention', answer);
}

/**
 * The unasked-for incident reply: compact, with the full answer stored behind its button, bound to the reply
 * once it is posted. Returns false when nothing should be posted (no high-confidence match); `beforePost` may
 * veto (deduplication, rate limit). `target.user` is the author of the annotated message. The language is
 * resolved (`resolveLang`, which may call users.info) only once the reply will be posted.
 */
export async function annotateInThread(
  services: Services,
  client: webApi.WebClient,
  target: { channel: string; threadTs: string; user: string },
  request: Omit<AnswerRequest, 'lang'>,
  resolveLang: () => Promise<Lang>,
  beforePost: (answer: Answer) => Promise<Answer | undefined>,
): Promise<boolean> {
  noteSurface('incident');
  const matched = await matchAnswer(services.matcher, { ...request, lang: services.config.defaultLang });
  if (matched.failure || matched.matches.length === 0) noteAnswer('incident', matched);
  if (matched.failure) {
    // Nobody asked, so the failure is logged rather than posted.
    services.logger?.warn(`k8sfix: could not read a message in ${target.channel} (${matched.failure.code}): ${matched.failure.message}`);
    return false;
  }
  if (matched.matches.length === 0) return false;
  const allowed = await beforePost(matched);
  if (!allowed || allowed.matches.length === 0) {
    noteAnswer('incident', matched, false);
    return false;
  }
  // Only now ask the clusters and Slack: messages that will not be answered never cost a cluster query or a users.info.
  const lang = await resolveLang();
  const answer = await addClusterVerdicts(answerDeps(services), { ...allowed, lang }, request.clusterNames);
  const feedback = await feedbackRefFor(services, 'incident', answer);
  const actionsFor = await fixActionButtons(services, answer, { channel: target.channel, threadTs: target.threadTs });
  const full = renderAnswer(answer, { ...feedback, actionsFor });
  const owner = { user: target.user, channel: target.channel };
  const ref = await services.answers.save(full, owner);
  const posted = await client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, ...renderCompact(answer, ref, feedback.feedbackRef) });
  if (posted.ts) await services.answers.bindMessage(ref, { ...owner, message: full }, posted.ts);
  noteAnswer('incident', answer);
  return true;
}

/** The answer with a share button whose reference points at the same answer without the button. */
export async function renderShareable(services: Services, answer: Answer, owner: AnswerOwner): Promise<SlackMessage> {
  if (answer.failure || answer.matches.length === 0) return renderAnswer(answer);
  const feedback = { ...(await feedbackRefFor(services, 'command', answer)), actionsFor: await fixActionButtons(services, answer, { channel: owner.channel }) };
  try {
    const ref = await services.answers.save(renderAnswer(answer, feedback), owner);
    return renderAnswer(answer, { ...feedback, shareRef: ref });
  } catch (error) {
    services.logger?.warn(`k8sfix: could not store the answer for its share button (${String(error)})`);
    return renderAnswer(answer, feedback);
  }
}

function answerDeps(services: Services) {
  const deps: Parameters<typeof buildAnswer>[0] = { matcher: services.matcher, clusterWaitMs: services.config.clusterWaitMs };
  if (services.clusters) deps.clusters = services.clusters;
  return deps;
}
