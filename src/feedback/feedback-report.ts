import type { FeedbackMark } from './types.js';

/** One catalogue entry's marks: how often people said it was the right or the wrong issue, and what they had pasted. */
export interface FeedbackReportRow {
  issue: string;
  title?: string;
  wrong: number;
  right: number;
  /** Distinct answers marked, either way. */
  answers: number;
  /** Wrong marks whose input was kept, one per distinct input (newest first). */
  wrongInputs: { sha256: string; input: string; surface: string; confidence: string; at: string }[];
  /** Wrong marks whose input was not kept (only its hash is known). */
  wrongWithoutInput: number;
}

/** Rows per entry, the most often wrong first (then the fewest right), so misfiring signatures lead. */
export function buildFeedbackReport(marks: FeedbackMark[], titles: ReadonlyMap<string, string> = new Map()): FeedbackReportRow[] {
  const rows = new Map<string, FeedbackReportRow & { refs: Set<string>; seen: Set<string> }>();
  for (const mark of [...marks].sort((a, b) => b.at - a.at)) {
    let row = rows.get(mark.issue);
    if (!row) {
      row = { issue: mark.issue, wrong: 0, right: 0, answers: 0, wrongInputs: [], wrongWithoutInput: 0, refs: new Set(), seen: new Set() };
      const title = titles.get(mark.issue);
      if (title) row.title = title;
      rows.set(mark.issue, row);
    }
    row.refs.add(mark.answer);
    if (mark.mark === 'right') {
      row.right++;
      continue;
    }
    row.wrong++;
    if (mark.input === undefined) row.wrongWithoutInput++;
    else if (!row.seen.has(mark.inputSha256)) {
      row.seen.add(mark.inputSha256);
      row.wrongInputs.push({ sha256: mark.inputSha256, input: mark.input, surface: mark.surface, confidence: mark.confidence, at: new Date(mark.at).toISOString() });
    }
  }
  return [...rows.values()]
    .map(({ refs, seen: _seen, ...row }) => ({ ...row, answers: refs.size }))
    .sort((a, b) => b.wrong - a.wrong || a.right - b.right || a.issue.localeCompare(b.issue));
}

/** The report as text for a terminal: a table, then the kept inputs of the wrong marks under each entry. */
export function formatFeedbackReport(rows: FeedbackReportRow[]): string {
  if (rows.length === 0) return 'No answers have been marked in the last 90 days.\n';
  const width = Math.max(5, ...rows.map((r) => r.issue.length));
  const lines = [`${'entry'.padEnd(width)}  wrong  right  answers`];
  for (const row of rows) {
    lines.push(`${row.issue.padEnd(width)}  ${String(row.wrong).padStart(5)}  ${String(row.right).padStart(5)}  ${String(row.answers).padStart(7)}${row.title ? `  ${row.title}` : ''}`);
  }
  for (const row of rows.filter((r) => r.wrong > 0)) {
    lines.push('', `${row.issue}: ${row.wrong} wrong`);
    for (const kept of row.wrongInputs) {
      lines.push(`  - ${kept.at} ${kept.surface}, ${kept.confidence} confidence, sha256 ${kept.sha256.slice(0, 12)}:`);
      const text = kept.input.split('\n').slice(0, 20);
      // Pasted text may hold terminal escapes: shown as '?' so a paste cannot rewrite the maintainer's screen.
      for (const line of text) lines.push(`      ${(line.length > 500 ? `${line.slice(0, 500)}…` : line).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?')}`);
      if (kept.input.split('\n').length > 20) lines.push('      ...');
    }
    if (row.wrongWithoutInput > 0) {
      lines.push(`  ${row.wrongWithoutInput} without the input (set K8SFIX_FEEDBACK_KEEP_INPUT=true in the Slack app to keep it)`);
    }
  }
  return `${lines.join('\n')}\n`;
}
