import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';

/** Proposals are offered as long as the answer they sit under is kept. */
export const PROPOSAL_TTL_MS = 3 * 24 * 60 * 60 * 1000;

/** One "Propose fix" button's meaning, kept on the server: the button carries only its reference. */
export interface StoredProposal {
  action: string;
  context: string;
  entryId: string;
  /** Values taken from the evidence, the cluster's facts or the entry; never from the click. */
  params: Record<string, string>;
  /** Parameters the person supplies in a modal (validated by the action's schema on the server). */
  ask: { name: string; choices?: string[] }[];
  /** Where the answer was posted: a click elsewhere is refused. */
  channel: string;
  /** The thread the approval request goes to (the answer's thread when it has one). */
  threadTs?: string;
}

/**
 * "Propose fix" references. Anyone in the channel may propose (an approver still has to agree), but only in the
 * channel the answer was made for, and only with the parameters the server resolved: a reference copied to
 * another channel, or a forged value, proposes nothing.
 */
export class FixProposals {
  constructor(private readonly store: Store) {}

  async save(proposal: StoredProposal): Promise<string> {
    const ref = randomBytes(12).toString('hex');
    await this.store.set(key(ref), JSON.stringify({ v: 1, ...proposal }), PROPOSAL_TTL_MS);
    return ref;
  }

  async load(ref: string): Promise<StoredProposal | undefined> {
    if (!/^[0-9a-f]{24}$/.test(ref)) return undefined;
    const raw = await this.store.get(key(ref));
    if (raw === undefined) return undefined;
    try {
      const value = JSON.parse(raw) as StoredProposal & { v?: number };
      if (value.v !== 1 || typeof value.action !== 'string' || typeof value.channel !== 'string') return undefined;
      const { v: _v, ...proposal } = value;
      return proposal;
    } catch {
      return undefined;
    }
  }
}

function key(ref: string): string {
  return `slack:fix-proposal:${ref}`;
}
