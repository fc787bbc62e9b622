import { SIGNATURE_PLACEHOLDER } from './signature-index.js';
import type { Evidence } from './types.js';

/** Signature text shorter than this says too little to find where the message starts in its line. */
const MIN_LEAD_CHARS = 8;

/**
 * The paste without the messages its answer quotes: what is left is the context that can corroborate the answer.
 * A quoted error names its own printer ("failed to create containerd task", "crictl: command not found"), so that
 * name is no sign of where it ran; what a line shows before the message (a journal's `containerd[812]:`, a kubelet
 * event's columns) is kept, since it says which program printed it. Descriptions are kept whole: a person's
 * sentence that names containerd is what they run.
 */
export function besidesQuotedEvidence(head: string, evidence: readonly Evidence[]): string {
  const quoted = evidence
    .filter((e) => e.kind !== 'symptom')
    .map((e) => {
      const lead = (e.matched.split(SIGNATURE_PLACEHOLDER)[0] ?? '').trim().toLowerCase();
      return { shown: e.line.replace(/^…|…$/g, '').trim(), lead: lead.length >= MIN_LEAD_CHARS ? lead : undefined };
    });
  if (quoted.length === 0) return head;
  return head
    .split('\n')
    .map((line) => {
      const text = line.trim();
      const quote = quoted.find(({ shown }) => text === shown || (shown.length >= 20 && text.includes(shown)));
      if (!quote) return line;
      const at = quote.lead ? text.toLowerCase().indexOf(quote.lead) : -1;
      return at > 0 ? text.slice(0, at) : '';
    })
    .join('\n');
}
