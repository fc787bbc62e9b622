import { mkdirSync, openSync, writeSync, fsyncSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where audit records go besides the shared store: one JSON line each. */
export interface AuditSink {
  write(line: string): void;
  close(): void;
}

/**
 * A JSONL file opened for append only, synced after every record so a crash keeps what was written; `-` writes
 * to standard output for a log collector.
 */
export function createAuditSink(target: string, stdout: (text: string) => void = (text) => void process.stdout.write(text)): AuditSink {
  if (target === '-') return { write: (line) => stdout(`${line}\n`), close: () => undefined };
  mkdirSync(dirname(target), { recursive: true });
  const fd = openSync(target, 'a', 0o600);
  return {
    write(line) {
      writeSync(fd, `${line}\n`);
      fsyncSync(fd);
    },
    close: () => closeSync(fd),
  };
}
