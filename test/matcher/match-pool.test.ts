import { afterEach, describe, expect, test } from '@jest/globals';
import { isMatchPoolBusyError } from '../../src/matcher/errors/match-pool-busy-error.js';
import { isMatchTimeoutError } from '../../src/matcher/errors/match-timeout-error.js';
import { createMatchPool } from '../../src/matcher/match-pool.js';
import type { OffThreadMatcher } from '../../src/matcher/types.js';
import { realCatalogue } from '../support/catalogue.js';
import { ordinaryLog } from '../support/pathological-inputs.js';

const IP_LEAK = 'failed to allocate for range 0: no IP addresses available in range set: 10.48.131.1-10.48.131.62';
const pools: OffThreadMatcher[] = [];

async function pool(options: { size?: number; budgetMs?: number; maxQueued?: number } = {}): Promise<OffThreadMatcher> {
  const created = createMatchPool({ catalogue: (await realCatalogue()).catalogue, ...options });
  pools.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('the matcher worker pool', () => {
  test('answers exactly what the in-process matcher answers, with the catalogue entries attached', async () => {
    const { matcher } = await realCatalogue();
    const workers = await pool();
    const log = ordinaryLog(200_000, IP_LEAK);
    const [inProcess, offThread] = [matcher.analyze(log), await workers.analyze(log)];
    expect(offThread.matches.map((m) => [m.id, m.score, m.confidence])).toEqual(inProcess.matches.map((m) => [m.id, m.score, m.confidence]));
    expect(offThread.matches[0]!.id).toBe('pod-ip-exhaustion-containerd-ip-leak');
    expect(offThread.matches[0]!.entry.remediation).toEqual(inProcess.matches[0]!.entry.remediation);
    expect(offThread.matches[0]!.evidence).toEqual(inProcess.matches[0]!.evidence);
  });

  test('a paste past the time budget is stopped with a coded error, and the next paste is answered by a fresh worker', async () => {
    const workers = await pool({ size: 1, budgetMs: 5 });
    const slow = workers.analyze(ordinaryLog(1_000_000, IP_LEAK));
    await expect(slow).rejects.toThrow(/took longer than 5 ms/);
    await slow.catch((error: unknown) => expect(isMatchTimeoutError(error)).toBe(true));
    const quick = await pool({ size: 1, budgetMs: 60_000 });
    expect((await quick.analyze(IP_LEAK)).matches[0]?.id).toBe('pod-ip-exhaustion-containerd-ip-leak');
  });

  test('after a timeout the same pool keeps answering', async () => {
    const workers = await pool({ size: 1, budgetMs: 1_000 });
    // Warm: the worker has built its indexes, so the budget measures matching only.
    expect((await workers.analyze(IP_LEAK)).matches).toHaveLength(1);
    const huge = Array.from({ length: 8 }, () => workers.analyze(ordinaryLog(1_000_000, IP_LEAK)));
    const outcomes = await Promise.allSettled(huge);
    expect(outcomes.every((o) => o.status === 'fulfilled' || isMatchTimeoutError(o.reason))).toBe(true);
    expect((await workers.analyze(IP_LEAK)).matches[0]?.id).toBe('pod-ip-exhaustion-containerd-ip-leak');
  });

  test('a short paste is answered while another worker reads a long one', async () => {
    const workers = await pool({ size: 2, budgetMs: 60_000 });
    await Promise.all([workers.analyze(IP_LEAK), workers.analyze(IP_LEAK)]);
    const order: string[] = [];
    const long = workers.analyze(ordinaryLog(1_000_000, IP_LEAK)).then(() => order.push('long'));
    const short = workers.analyze(IP_LEAK).then(() => order.push('short'));
    await Promise.all([long, short]);
    expect(order).toEqual(['short', 'long']);
  });

  test('when every worker is busy and the queue is full, a new paste is refused at once', async () => {
    const workers = await pool({ size: 1, budgetMs: 60_000, maxQueued: 1 });
    await workers.analyze(IP_LEAK); // the worker is ready, so the first paste goes to it and only the second waits
    const log = ordinaryLog(1_000_000, IP_LEAK);
    const first = workers.analyze(log);
    const second = workers.analyze(log);
    const third = workers.analyze(log);
    await third.then(
      () => {
        throw new Error('the third paste should have been refused');
      },
      (error: unknown) => expect(isMatchPoolBusyError(error)).toBe(true),
    );
    expect((await first).matches[0]?.id).toBe('pod-ip-exhaustion-containerd-ip-leak');
    expect((await second).matches[0]?.id).toBe('pod-ip-exhaustion-containerd-ip-leak');
  });

  test('closing rejects what is still waiting, and nothing is answered after', async () => {
    const workers = createMatchPool({ catalogue: (await realCatalogue()).catalogue, size: 1 });
    const waiting = workers.analyze(ordinaryLog(500_000, IP_LEAK)).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    await workers.close();
    expect(await waiting).toMatch(/closed/);
    await expect(workers.analyze(IP_LEAK)).rejects.toThrow(/closed/);
  });
});
