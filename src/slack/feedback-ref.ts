import type { FeedbackSurface } from '../feedback/types.js';
import type { Answer } from './answer.js';
import type { Services } from './services.js';

/**
 * Stores what an answer shows for its Right / Wrong buttons and returns the render option carrying the
 * reference. Never rejects: when the store cannot take it the answer goes out without the buttons.
 */
export async function feedbackRefFor(services: Services, surface: FeedbackSurface, answer: Answer): Promise<{ feedbackRef?: string }> {
  if (answer.failure || answer.matches.length === 0) return {};
  try {
    const matches = answer.matches.map((m) => ({ id: m.id, confidence: m.confidence, score: Math.round(m.score * 100) / 100 }));
    return { feedbackRef: await services.feedback.saveSubject(surface, answer.query, matches) };
  } catch (error) {
    services.logger?.warn(`k8sfix: answer posted without Right / Wrong buttons: the feedback store failed (${error instanceof Error ? error.message : String(error)})`);
    return {};
  }
}
