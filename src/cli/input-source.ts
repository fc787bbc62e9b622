import { createReadStream, statSync } from 'node:fs';
import { UsageError } from './cli-io.js';
import type { MatchArgs } from './parse-args.js';

/** What `k8sfix` reads: the arguments as text, or a stream of files and standard input. */
export type InputSource = { kind: 'text'; text: string } | { kind: 'stream'; names: string[] };

/** A lone argument like this is meant as a file: saying it does not exist beats matching its name as text. */
const LOOKS_LIKE_LOG_FILE = /^[^\s]+\.(?:log|txt|json|out)$/i;

/**
 * The rule: with no positional argument, standard input (unless it is a terminal). When every positional
 * argument is `-` (standard input) or names an existing regular file, those are read in order, as one log
 * (like `cat FILE... | k8sfix`). Otherwise the arguments are the error text, joined by spaces; so is
 * everything after `--`. A single argument without spaces ending in .log, .txt, .json or .out that is not a
 * file is a mistake (exit 2), not text.
 */
export function inputSource(args: MatchArgs, stdinIsTty: boolean): InputSource {
  if (args.literal.length > 0) return { kind: 'text', text: [...args.text, ...args.literal].join(' ') };
  if (args.text.length === 0) {
    if (stdinIsTty) throw new UsageError('give the error text as an argument, a log file, or on standard input (k8sfix < pod.log)');
    return { kind: 'stream', names: ['-'] };
  }
  if (args.text.every((arg) => arg === '-' || isRegularFile(arg))) {
    if (args.text.filter((arg) => arg === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
    return { kind: 'stream', names: args.text };
  }
  if (args.text.length === 1 && LOOKS_LIKE_LOG_FILE.test(args.text[0]!)) {
    throw new UsageError(`cannot read ${args.text[0]}: no such file (to match it as text, write k8sfix -- "${args.text[0]}")`);
  }
  return { kind: 'text', text: args.text.join(' ') };
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** What was seen of a stream while it was read: whether it had any text, and its start (for the language). */
export interface StreamProbe {
  nonBlank: boolean;
  head: string;
}

const HEAD_BYTES = 20_000;

/**
 * The named inputs one after another (`-` is standard input), as bytes, with a line break between two files
 * so the last line of one does not run into the first of the next.
 */
export async function* readInputs(names: string[], stdin: AsyncIterable<Uint8Array>, probe: StreamProbe): AsyncGenerator<Uint8Array> {
  let headBytes = 0;
  const heads: Buffer[] = [];
  let needsBreak = false;
  for (const name of names) {
    if (needsBreak) yield Buffer.from('\n');
    const source = name === '-' ? stdin : createReadStream(name, { highWaterMark: 256 * 1024 });
    let last = 0x0a;
    for await (const chunk of source as AsyncIterable<Uint8Array>) {
      if (chunk.byteLength === 0) continue;
      if (!probe.nonBlank && hasNonBlank(chunk)) probe.nonBlank = true;
      if (headBytes < HEAD_BYTES) {
        const part = Buffer.from(chunk.buffer, chunk.byteOffset, Math.min(chunk.byteLength, HEAD_BYTES - headBytes));
        heads.push(Buffer.from(part));
        headBytes += part.length;
        probe.head = Buffer.concat(heads).toString('utf8');
      }
      last = chunk[chunk.byteLength - 1]!;
      yield chunk;
    }
    needsBreak = last !== 0x0a;
  }
}

function hasNonBlank(chunk: Uint8Array): boolean {
  for (let i = 0; i < chunk.length; i++) {
    const byte = chunk[i]!;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return true;
  }
  return false;
}
