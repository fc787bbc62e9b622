import type { BatchNormalizer, NormalisedBatch } from './batch-normalizer.js';
import { InputWindows, MAX_PART_CHARS, type PendingBatch, type PreparedInput } from './prepare-input.js';

/**
 * Batches handed to the normaliser and not yet added. A long log needs enough to keep the worker busy while this
 * thread searches a window (about 30 ms, some ten batches of the worker's time): with 8 the worker ran dry during
 * each search of the 100 MB log and this thread then waited for it. A shorter one keeps 8, which holds less (the
 * 10 MB log's peak RSS grew from 171 to 195 MiB with 32 throughout).
 */
const MAX_BATCHES_IN_FLIGHT = 8;
const MAX_BATCHES_IN_FLIGHT_LONG = 32;
/** Bytes read after which a log counts as long. */
const LONG_LOG_BYTES = 16 * 1024 * 1024;

/**
 * The windows of a byte stream (standard input, a file), read as it comes: the whole input is seen, whatever
 * its size, holding one window and one chunk at a time. UTF-8 is decoded as it streams (invalid bytes become
 * U+FFFD, which the cleaner turns into spaces and the binary check counts); lines end at `\n` or `\r\n`, a last
 * line without a line break counts, and a line longer than MAX_PART_CHARS is read in parts that keep its number.
 * `windows.stats` is complete (with `bytes`) once the iteration ends.
 *
 * With a `normalizer` (and `windows` made with `deferNormalising`), batches are normalised by it, possibly on
 * another thread, while the stream reads on; they are added back in their order, so the windows are the same.
 */
export async function* windowsOfStream(
  source: AsyncIterable<Uint8Array | string>,
  windows = new InputWindows(),
  normalizer?: BatchNormalizer,
): AsyncGenerator<PreparedInput> {
  const inFlight: { batch: PendingBatch; normalised: NormalisedBatch | Promise<NormalisedBatch> }[] = [];
  const send = (batches: PendingBatch[]): void => {
    for (const batch of batches) inFlight.push({ batch, normalised: batch.pieces.length === 0 ? { squeezed: '' } : normalizer!.normalizeAndHash(batch.joined) });
  };
  const settle = async (keep: number): Promise<PreparedInput[]> => {
    const done: PreparedInput[] = [];
    while (inFlight.length > keep) {
      const { batch, normalised } = inFlight.shift()!;
      const { squeezed, hashes } = await normalised;
      done.push(...windows.addNormalised(batch, squeezed, hashes));
    }
    return done;
  };
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let continued = false;
  let number = 0;
  let bytes = 0;
  const take = (text: string, last: boolean): PreparedInput[] => {
    const done: PreparedInput[] = [];
    const push = (windows: PreparedInput[]): void => {
      for (const window of windows) done.push(window);
    };
    let start = 0;
    const chunk = carry === '' ? text : carry + text;
    carry = '';
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      const stop = end > start && chunk.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (!continued) number++;
      push(windows.add(chunk.slice(start, stop), number, continued));
      continued = false;
      start = end + 1;
    }
    let rest = chunk.slice(start);
    // A line without a break for a long while (a binary file, a minified blob) is read in parts.
    while (rest.length > MAX_PART_CHARS) {
      if (!continued) number++;
      push(windows.add(rest.slice(0, MAX_PART_CHARS), number, continued));
      continued = true;
      rest = rest.slice(MAX_PART_CHARS);
    }
    if (last) {
      if (rest.endsWith('\r')) rest = rest.slice(0, -1);
      if (rest.length > 0 || continued) {
        if (!continued) number++;
        push(windows.add(rest, number, continued));
      }
    } else carry = rest;
    return done;
  };
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      bytes += Buffer.byteLength(chunk);
      yield* take(chunk, false);
    } else {
      bytes += chunk.byteLength;
      yield* take(decoder.decode(chunk, { stream: true }), false);
    }
    if (normalizer) {
      send(windows.takeBatches());
      yield* await settle(bytes < LONG_LOG_BYTES ? MAX_BATCHES_IN_FLIGHT : MAX_BATCHES_IN_FLIGHT_LONG);
    }
  }
  yield* take(decoder.decode(), true);
  windows.stats.bytes = bytes;
  if (!normalizer) {
    yield* windows.finish();
    return;
  }
  send(windows.endBatches());
  yield* await settle(0);
  yield* windows.closeLast();
}
