/**
 * One hostile paste must never freeze the bot. A 1 MB adversarial log file arrives in an incident channel
 * (no mention needed) while 20 signed /k8sfix commands arrive and /healthz is polled: with matching on the
 * worker pool, every command is acknowledged within Slack's 3-second limit, /healthz answers throughout,
 * and every answer still arrives.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { performance } from 'node:perf_hooks';
import { createMatchPool } from '../../src/matcher/match-pool.js';
import type { OffThreadMatcher } from '../../src/matcher/types.js';
import { realCatalogue } from '../support/catalogue.js';
import { characterRuns, nearMatches } from '../support/pathological-inputs.js';
import { blocksText, INCIDENT_CHANNEL, IP_LEAK_PASTE, startHarness, type Harness } from './harness.js';

const SLACK_ACK_LIMIT_MS = 3_000;

/**
 * The error first, then the runs of characters and near-matches of every signature that used to take quadratic
 * time. Runs of control characters are left out: the app skips such a file as binary before reading it.
 */
async function adversarialLog(chars: number): Promise<string> {
  const signatures = (await realCatalogue()).catalogue.entries.flatMap((entry) => entry.signatures);
  // eslint-disable-next-line no-control-regex
  const pieces = [...characterRuns(24_000), ...nearMatches(120_000, signatures)].map((input) => input.text).filter((text) => !/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text));
  let log = `${IP_LEAK_PASTE}\n`;
  for (let i = 0; log.length < chars; i++) log += `${pieces[i % pieces.length]!}\n`;
  return log.slice(0, chars);
}

describe('the app stays responsive while it reads a hostile 1 MB file', () => {
  let h: Harness;
  let pool: OffThreadMatcher;
  beforeAll(async () => {
    pool = createMatchPool({ catalogue: (await realCatalogue()).catalogue, size: 2, budgetMs: 20_000 });
    h = await startHarness({ matcher: pool, env: { K8SFIX_MAX_FILE_BYTES: '2000000', K8SFIX_CHANNEL_RATE_LIMIT: '30' } });
  });
  afterAll(async () => {
    await h.stop();
    await pool.close();
  });

  test('20 commands are acknowledged within 3 s, /healthz answers throughout, and every answer arrives', async () => {
    const log = await adversarialLog(1_000_000);
    const url = h.fake.addFile('adversarial.log', log);
    const healthUrl = h.eventsUrl.replace('/slack/events', '/healthz');
    const health: { status: number; ms: number }[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const started = performance.now();
        const response = await fetch(healthUrl);
        await response.text();
        health.push({ status: response.status, ms: performance.now() - started });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    const thread = '1700009999.000100';
    const fileEvent = h.event({
      type: 'message',
      subtype: 'file_share',
      channel: INCIDENT_CHANNEL,
      channel_type: 'channel',
      user: 'U0USER001',
      text: '',
      ts: thread,
      files: [{ id: 'F0ADV', name: 'adversarial.log', mimetype: 'text/plain', filetype: 'text', size: log.length, url_private_download: url }],
    });
    // Let the file download and reach a worker before the commands arrive.
    await h.fake.waitFor((call) => call.method === 'file');
    const commands = await Promise.all(Array.from({ length: 20 }, (_, i) => h.command(IP_LEAK_PASTE, `load${i}`)));
    expect((await fileEvent).status).toBe(200);

    expect(commands.map((c) => c.status)).toEqual(Array(20).fill(200));
    const slowest = Math.max(...commands.map((c) => c.ms));
    expect(slowest).toBeLessThan(SLACK_ACK_LIMIT_MS);
    const answers = await h.fake.waitFor((call) => call.method === 'respond' && String(call.id).startsWith('load'), 20, 60_000);
    for (const answer of answers) expect(blocksText(answer.body.blocks)).toContain('failed to allocate for range 0');
    const [annotation] = await h.fake.waitFor((call) => call.method === 'chat.postMessage' && call.body.thread_ts === thread, 1, 60_000);
    expect(blocksText(annotation!.body.blocks)).toContain('Known issue');

    polling = false;
    await poller;
    expect(health.length).toBeGreaterThan(5);
    expect(health.every((probe) => probe.status === 200)).toBe(true);
    expect(Math.max(...health.map((probe) => probe.ms))).toBeLessThan(SLACK_ACK_LIMIT_MS);
  });

  test('a paste past the time budget gets a clear answer, and the next command is answered as usual', async () => {
    const strict = createMatchPool({ catalogue: (await realCatalogue()).catalogue, size: 1, budgetMs: 1 });
    const tight = await startHarness({ matcher: strict });
    try {
      const mention = await tight.event({
        type: 'app_mention',
        channel: 'C0GEN0001',
        user: 'U0USER001',
        text: `<@${tight.fake.botUserId}> ${(await adversarialLog(39_000)).replace(/[<>&]/g, ' ')}`,
        ts: '1700010000.000100',
      });
      expect(mention.status).toBe(200);
      const [reply] = await tight.fake.waitFor((call) => call.method === 'chat.postMessage', 1, 30_000);
      expect(blocksText(reply!.body.blocks)).toContain('This paste took too long to read');
      expect(blocksText(reply!.body.blocks)).toContain('Send the lines around the error');
    } finally {
      await tight.stop();
      await strict.close();
    }
  });
});
