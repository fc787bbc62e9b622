import { describeTarget } from './kube-objects.js';
import type { Action, Plan } from './types.js';

const short = (value: unknown) => {
  const text = JSON.stringify(value) ?? 'unset';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/** A plan as plain text lines: what changes, on which objects, how far it reaches, and the hash approved. */
export function formatPreview(action: Action, plan: Plan, lang: 'en' | 'ko' = 'en'): string {
  const { preview } = plan;
  const lines = [`${action.id}${preview.direction === 'undo' ? ' (undo)' : ''} on ${preview.context} (risk ${action.risk})`, `  ${preview.summary[lang]}`];
  for (const target of preview.targets) lines.push(`  target   ${describeTarget(target)} uid=${target.uid} resourceVersion=${target.resourceVersion}`);
  for (const change of preview.changes) {
    if (change.kind === 'delete') lines.push(`  change   DELETE ${describeTarget(change.target)} (the server's dry run accepted it)`);
    else if (change.kind === 'evict') {
      const refused = (change.dryRun as { refusedNow?: string } | null)?.refusedNow;
      lines.push(`  change   EVICT ${describeTarget(change.target)}${refused ? ` (now: ${refused})` : ''}`);
    } else if (change.kind === 'create') {
      const metadata = change.object.metadata as { name?: string; namespace?: string } | undefined;
      lines.push(`  change   CREATE ${String(change.object.kind)} ${metadata?.namespace ? `${metadata.namespace}/` : ''}${metadata?.name ?? ''}`);
    } else {
      for (const d of change.diff) lines.push(`  change   PATCH ${describeTarget(change.target)} ${d.path}: ${short(d.before)} → ${short(d.after)}`);
    }
  }
  const { nodes, podsEvicted } = preview.blastRadius;
  lines.push(`  reaches  nodes: ${nodes.join(', ') || 'none'}; pods restarted or evicted: ${podsEvicted.join(', ') || 'none'}${preview.disruptive ? ' (counts against the disruption budget)' : ''}`);
  lines.push(`  preview  sha256:${plan.hash}`);
  return lines.join('\n');
}
