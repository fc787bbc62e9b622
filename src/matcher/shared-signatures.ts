import type { CatalogueEntry } from '../catalogue/types.js';
import { normalizeLine, squeeze } from './normalize.js';
import { SIGNATURE_PLACEHOLDER } from './signature-index.js';

const GRAM = 8;
/** A signature is another product's too when that product documents a message holding this share of its text. */
const SHARED_SHARE = 0.5;

function gramsOf(signature: string): Set<string> {
  // Placeholders read as the index reads them.
  const text = squeeze(normalizeLine(signature.split(SIGNATURE_PLACEHOLDER).join(' ')));
  const grams = new Set<string>();
  for (let i = 0; i + GRAM <= text.length; i++) grams.add(text.slice(i, i + GRAM));
  return grams;
}

/**
 * The signatures that another product's known issue documents too (most of the same message): kubelet's
 * `NetworkReady=false ... cni plugin not initialized` is on GKE's page and on Anthos's. Such a message is printed
 * wherever the condition arises, so it is no evidence of either platform by itself.
 */
export function signaturesSharedAcrossProducts(entries: readonly CatalogueEntry[]): Set<string> {
  const all = entries.flatMap((entry) => entry.signatures.map((text) => ({ product: entry.product, text, grams: gramsOf(text) })));
  const shared = new Set<string>();
  for (const a of all) {
    if (a.grams.size === 0) continue;
    for (const b of all) {
      if (b.product === a.product) continue;
      let common = 0;
      for (const gram of a.grams) if (b.grams.has(gram)) common++;
      if (common / a.grams.size >= SHARED_SHARE) {
        shared.add(a.text);
        break;
      }
    }
  }
  return shared;
}
