/** Any character but a tab and printable ASCII. */
const NOT_PLAIN = /[^\t\x20-\x7e]/;

/**
 * True when the text is printable ASCII and tabs only: nothing in it for the cleaner to strip (control characters,
 * colour codes) or fold (look-alike letters), and no line break to split it at. Nearly every log line is; one
 * search of a character class here (faster than a loop over the codes) saves three per line.
 */
export function isPlainText(text: string): boolean {
  return !NOT_PLAIN.test(text);
}
