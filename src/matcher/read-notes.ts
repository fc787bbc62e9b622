import type { ReadStats } from './prepare-input.js';

/** Inputs up to this size get no note about their size: nothing surprising happened to them. */
const QUIET_CHARS = 1_000_000;

/** What the user should know about how the input was read: its true size when it was large, binary data. */
export function readNotes(stats: ReadStats): string[] {
  const notes: string[] = [];
  if (stats.chars > QUIET_CHARS || (stats.bytes ?? 0) > QUIET_CHARS) {
    const size = stats.bytes !== undefined ? `${stats.bytes.toLocaleString('en')} bytes` : `${stats.chars.toLocaleString('en')} characters`;
    notes.push(
      `read the whole input: ${size}, ${stats.lines.toLocaleString('en')} lines (${stats.distinct.toLocaleString('en')} distinct after normalisation)`,
    );
  }
  if (stats.binary) notes.push('the input looks like binary data, not text; paste the log as text');
  return notes;
}
