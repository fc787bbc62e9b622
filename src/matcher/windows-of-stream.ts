import { InputWindows, MAX_PART_CHARS, type PreparedInput } from './prepare-input.js';

/**
 * The windows of a byte stream (standard input, a file), read as it comes: the whole input is seen, whatever
 * its size, holding one window and one chunk at a time. UTF-8 is decoded as it streams (invalid bytes become
 * U+FFFD, which the cleaner turns into spaces and the binary check counts); lines end at `\n` or `\r\n`, a last
 * line without a line break counts, and a line longer than MAX_PART_CHARS is read in parts that keep its number.
 * `windows.stats` is complete (with `bytes`) once the iteration ends.
 */
export async function* windowsOfStream(
  source: AsyncIterable<Uint8Array | string>,
  windows = new InputWindows(),
): AsyncGenerator<PreparedInput> {
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
  }
  yield* take(decoder.decode(), true);
  windows.stats.bytes = bytes;
  yield* windows.finish();
}
