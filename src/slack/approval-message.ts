import type { Store } from '../store/store.js';

/** Where an approval request's message is, so every later state updates that message (chat.update). */
export interface ApprovalMessage {
  channel: string;
  ts: string;
  threadTs?: string;
}

/** Kept as long as a request is (a week), so a late click still finds its message. */
const MESSAGE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export async function bindApprovalMessage(store: Store, requestId: string, message: ApprovalMessage): Promise<void> {
  await store.set(`slack:fix-message:${requestId}`, JSON.stringify(message), MESSAGE_TTL_MS);
}

export async function loadApprovalMessage(store: Store, requestId: string): Promise<ApprovalMessage | undefined> {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(requestId)) return undefined;
  const raw = await store.get(`slack:fix-message:${requestId}`).catch(() => undefined);
  if (raw === undefined) return undefined;
  try {
    const value = JSON.parse(raw) as ApprovalMessage;
    return typeof value.channel === 'string' && typeof value.ts === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
