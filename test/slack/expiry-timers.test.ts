import { describe, expect, test } from '@jest/globals';
import { ExpiryTimers, type DueOutcome } from '../../src/slack/expiry-timers.js';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ExpiryTimers', () => {
  test('calls the due function once at the time, and not again when the request ended', async () => {
    const seen: string[] = [];
    const timers = new ExpiryTimers(async (id) => {
      seen.push(id);
      return { kind: 'ended' };
    });
    timers.schedule('req_a', Date.now() + 20);
    timers.schedule('req_b', Date.now() + 20);
    expect(timers.size).toBe(2);
    await settle(150);
    expect(seen.sort()).toEqual(['req_a', 'req_b']);
    expect(timers.size).toBe(0);
    timers.close();
  });

  test('a store that cannot be reached is asked again, a bounded number of times', async () => {
    let calls = 0;
    const timers = new ExpiryTimers(
      async (): Promise<DueOutcome> => {
        calls++;
        return { kind: 'again', at: 0, storeDown: true };
      },
      { retryMs: 2 },
    );
    timers.schedule('req_a', Date.now());
    await settle(500);
    // The first look and twenty more; then the next click decides.
    expect(calls).toBe(21);
    expect(timers.size).toBe(0);
    timers.close();
  });

  test('close() cancels every timer, and a failure goes to onError', async () => {
    const failures: string[] = [];
    let calls = 0;
    const timers = new ExpiryTimers(
      async (id) => {
        calls++;
        throw new Error(`chat.update refused for ${id}`);
      },
      { onError: (id, error) => failures.push(`${id}: ${(error as Error).message}`) },
    );
    timers.schedule('req_late', Date.now() + 50);
    timers.schedule('req_now', Date.now());
    await settle(20);
    timers.close();
    await settle(100);
    expect(calls).toBe(1);
    expect(failures).toEqual(['req_now: chat.update refused for req_now']);
    timers.schedule('req_after_close', Date.now());
    expect(timers.size).toBe(0);
  });
});
