/**
 * A version as clusters report it, split into numeric release parts and build tokens.
 * `v1.24.6-gke.1500` → release [1, 24, 6], build ['gke', 1500]; `5.15.0-1034-gke` → [5, 15, 0], [1034, 'gke'];
 * `5.10.123+` → [5, 10, 123], []; `10.0.17763.3406` → [10, 0, 17763, 3406], [].
 * semver alone cannot hold these: it has three parts only and ranks `1.24.6-gke.1500` *below* 1.24.6 as a
 * prerelease, which drops it from ranges. Build tokens compare numerically (gke.1500 > gke.700).
 */
export interface ParsedVersion {
  raw: string;
  release: number[];
  build: (string | number)[];
}

const VERSION = /^[vV]?(\d+(?:\.\d+)*)(.*)$/;

/** The parsed version, or undefined when the text does not start with a number. */
export function parseVersion(text: string): ParsedVersion | undefined {
  const raw = text.trim();
  const match = VERSION.exec(raw);
  if (!match) return undefined;
  const release = match[1]!.split('.').map(Number);
  if (release.some((part) => !Number.isSafeInteger(part))) return undefined;
  const build = (match[2]!.match(/\d+|[A-Za-z]+/g) ?? []).map((token) =>
    /^\d+$/.test(token) ? Number(token) : token.toLowerCase(),
  );
  return { raw, release, build };
}
