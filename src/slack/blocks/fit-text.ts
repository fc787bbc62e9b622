/**
 * Cuts text to fit a Block Kit field, visibly: the cut ends with a marker, never splits an `&amp;` entity or a
 * surrogate pair, and closes a ``` block the cut left open.
 */
export function fitText(text: string, limit: number, marker = '… _(truncated)_'): string {
  if (text.length <= limit) return text;
  const fence = '```';
  let cut = Math.max(0, limit - marker.length - fence.length - 1);
  // Do not leave half an entity (`&am`) or half a surrogate pair behind.
  const amp = text.lastIndexOf('&', cut);
  if (amp !== -1 && cut - amp < 6 && !text.slice(amp, cut).includes(';')) cut = amp;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  let kept = text.slice(0, cut);
  // An odd number of fences means the cut is inside a code block.
  const fences = kept.split(fence).length - 1;
  if (fences % 2 === 1) {
    // Trailing backticks dropped by hand: /`+$/ retries at every backtick of a run and is quadratic in it.
    let end = kept.length;
    while (end > 0 && kept.charCodeAt(end - 1) === BACKTICK) end--;
    kept = kept.slice(0, end);
    return `${kept}…${fence}\n${marker.replace(/^…\s*/, '')}`;
  }
  return kept + marker;
}

const BACKTICK = 0x60;

/** Cuts plain text (headers, buttons) to a limit with an ellipsis. */
export function fitPlain(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  let cut = limit - 1;
  const code = flat.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${flat.slice(0, cut)}…`;
}
