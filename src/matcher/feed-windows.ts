import type { PreparedInput } from './prepare-input.js';

/** Receives the windows of one input in order; `first` and `last` mark the ends (one window is both). */
export type WindowSink = (window: PreparedInput, first: boolean, last: boolean) => void;

/**
 * Hands each window to `sink`, one behind, so the last window is known to be the last: descriptions in words
 * are read at the head and the tail of a log only. At most two windows are alive at once.
 */
export function feedWindows(windows: Iterable<PreparedInput>, sink: WindowSink): void {
  let pending: PreparedInput | undefined;
  let first = true;
  for (const window of windows) {
    if (pending) {
      sink(pending, first, false);
      first = false;
    }
    pending = window;
  }
  if (pending) sink(pending, first, true);
}

/** The same for a stream's windows. */
export async function feedWindowsAsync(windows: AsyncIterable<PreparedInput>, sink: WindowSink): Promise<void> {
  let pending: PreparedInput | undefined;
  let first = true;
  for await (const window of windows) {
    if (pending) {
      sink(pending, first, false);
      first = false;
    }
    pending = window;
  }
  if (pending) sink(pending, first, true);
}
