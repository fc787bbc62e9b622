import type { webApi } from '@slack/bolt';
import type { Answer } from './answer.js';
import { renderAnswer } from './blocks/render-answer.js';
import { renderCompact } from './blocks/render-compact.js';
import type { SlackMessage } from './blocks/types.js';
import { addClusterVerdicts, buildAnswer, matchAnswer, type AnswerRequest } from './build-answer.js';
import { feedbackRefFor } from './feedback-ref.js';
import { noteAnswer, noteSurface } from './note-answer.js';
import { postToResponseUrl } from './respond.js';
import type { Services } from './services.js';

/**
 * Answers through a response_url, visible only to the caller, with a "Post to channel" button. When clusters
 * are slow the answer is posted without verdicts first and replaced when they arrive.
 */
export async function answerViaResponseUrl(services: Services, responseUrl: string, request: AnswerRequest): Promise<void> {
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
  await post(await renderShareable(services, answer), pendingPosted);
  noteAnswer('command', answer);
}

/** Answers a mention in its thread with the full answer, updating it in place when cluster verdicts arrive late. */
export async function answerInThread(
  services: Services,
  client: webApi.WebClient,
  target: { channel: string; threadTs: string },
  request: AnswerRequest,
): Promise<void> {
  noteSurface('mention');
  let pendingTs: string | undefined;
  const answer = await buildAnswer(answerDeps(services), request, async (pending) => {
    const posted = await client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, ...renderAnswer(pending) });
    pendingTs = posted.ts;
  });
  const message = renderAnswer(answer, await feedbackRefFor(services, 'mention', answer));
  if (pendingTs) await client.chat.update({ channel: target.channel, ts: pendingTs, ...message });
  else await client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, ...message });
  noteAnswer('mention', answer);
}

/**
 * The unasked-for incident reply: compact, with the full answer stored behind its button. Returns false when
 * nothing should be posted (no high-confidence match); `beforePost` may veto (deduplication, rate limit).
 */
export async function annotateInThread(
  services: Services,
  client: webApi.WebClient,
  target: { channel: string; threadTs: string },
  request: AnswerRequest,
  beforePost: (answer: Answer) => Promise<Answer | undefined>,
): Promise<boolean> {
  noteSurface('incident');
  const matched = await matchAnswer(services.matcher, request);
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
  // Only now ask the clusters: messages that will not be answered never cost a cluster query.
  const answer = await addClusterVerdicts(answerDeps(services), allowed, request.clusterNames);
  const feedback = await feedbackRefFor(services, 'incident', answer);
  const ref = await services.answers.save(renderAnswer(answer, feedback));
  await client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, ...renderCompact(answer, ref, feedback.feedbackRef) });
  noteAnswer('incident', answer);
  return true;
}

/** The answer with a share button whose reference points at the same answer without the button. */
export async function renderShareable(services: Services, answer: Answer): Promise<SlackMessage> {
  if (answer.failure || answer.matches.length === 0) return renderAnswer(answer);
  const feedback = await feedbackRefFor(services, 'command', answer);
  try {
    const ref = await services.answers.save(renderAnswer(answer, feedback));
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
