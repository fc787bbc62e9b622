import type { ActionContext, VerifyResult } from './types.js';

/**
 * Asks `check` until it reports ok or the context's verify time is up; the last answer says why it failed.
 * A check that throws counts as "not yet" (a pod between replacement and Ready can 404).
 */
export async function pollUntil(ctx: ActionContext, check: () => Promise<VerifyResult>): Promise<VerifyResult> {
  const deadline = ctx.now() + ctx.verifyTimeoutMs;
  let last: VerifyResult = { ok: false, detail: 'not checked yet' };
  for (;;) {
    try {
      last = await check();
    } catch (error) {
      last = { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
    if (last.ok) return last;
    if (ctx.now() >= deadline) return { ok: false, detail: `not within ${Math.round(ctx.verifyTimeoutMs / 1000)} s: ${last.detail}` };
    await ctx.sleep(ctx.pollMs);
  }
}
