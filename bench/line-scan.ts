/** The yardstick of the whole-log bench: a plain line-by-line read of a file in Node, counting lines. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

let lines = 0;
for await (const line of createInterface({ input: createReadStream(process.argv[2]!), crlfDelay: Infinity })) if (line.length >= 0) lines++;
process.stdout.write(`${lines} lines\n`);
