/**
 * Preloaded (`node --import`) into a process the bench runs whole: at exit it writes the process's own peak
 * resident memory to file descriptor 3, which the bench opened as a pipe, so nothing mixes with the output.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  try {
    writeSync(3, `${process.resourceUsage().maxRSS}\n`);
  } catch {
    // Not run by the bench (no fd 3): nothing to report.
  }
});
