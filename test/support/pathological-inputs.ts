/**
 * Inputs a hostile or unlucky user can paste, for the pathological-input suite and `npm run bench`: runs of
 * the characters that regexes and scanners repeat over (backslashes, dashes, letters, digits, spaces, quotes,
 * escape sequences), long tokens without spaces, Unicode that normalisation expands, and repeated
 * near-matches of every catalogue signature. Each is cut to exactly the size asked for, so its time compares
 * with ordinary log text of the same size.
 */

export interface PathologicalInput {
  name: string;
  text: string;
}

/** Realistic node and pod log lines that show no known issue (kubelet, containerd, controllers, events). */
export function ordinaryLog(chars: number, errorLine?: string): string {
  const templates = [
    (i: number) => `Nov 23 10:${pad(i % 60)}:${pad(i % 59)} gke-prod-pool-1-abcd containerd[812]: time="2026-11-23T10:00:01.${i}Z" level=info msg="ImageCreate event name:\\"docker.io/library/nginx:1.25.${i % 9}\\" labels:{key:\\"io.cri-containerd.image\\" value:\\"managed\\"}"`,
    (i: number) => `I1123 10:00:${pad(i % 60)}.123456    1702 kubelet.go:2445] "SyncLoop (PLEG): event for pod" pod="shop/cart-7d9f8b6c5d-x2x9q" event={"ID":"${i}","Type":"ContainerStarted"}`,
    (i: number) => `{"level":"info","ts":"2026-11-23T10:00:01.${i}Z","logger":"controller","msg":"Reconciling deployment","namespace":"team-${i % 40}","name":"api-${i}"}`,
    (i: number) => `  Normal   Pulled     ${i % 90}s   kubelet  Container image "registry.k8s.io/pause:3.9" already present on machine`,
    (i: number) => `E1123 10:00:01.${i}    1702 pod_workers.go:1300] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"api\\" with CrashLoopBackOff: \\"back-off 5m0s restarting failed container=api pod=api-${i}\\"" pod="prod/api-${i}"`,
  ];
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < chars; i++) {
    const line = errorLine && i === 200 ? `  Warning  FailedCreatePodSandBox  kubelet  ${errorLine}` : templates[i % templates.length]!(i);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n').slice(0, chars);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `unit` repeated (with the line number `{i}` filled in, so repeated lines do not collapse) to `chars`. */
export function repeatTo(chars: number, unit: string | ((i: number) => string)): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < chars; i++) {
    const piece = typeof unit === 'string' ? unit : unit(i);
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('').slice(0, chars);
}

/** Character runs and shapes that make regexes with overlapping quantifiers backtrack. */
export function characterRuns(chars: number): PathologicalInput[] {
  const runs: [string, string | ((i: number) => string)][] = [
    ['backslash run', '\\'],
    ['backslash runs ending in letters', '\\\\\\\\\\\\\\\\x'],
    ['backslash r without n', '\\\\\\r\\\\\\'],
    ['unfinished unicode escapes', '\\u00'],
    ['dash run', '-'],
    ['letter-dash run', 'a-'],
    ['pod-name-like dashes', 'ab-bcdfghjk-'],
    ['letters then dashes', 'abcdefgh--'],
    ['one long token', 'a'],
    ['camelCase token', 'aB'],
    ['camelCase token ending in underscore', (i) => (i % 5000 === 4999 ? '_' : 'aB')],
    ['hex run', '0123456789abcdef'],
    ['digits and dots', '1.'],
    ['digit run', '7'],
    ['IP-like without end', '10.1.1.'],
    ['timestamp fragments', '2026-11-23T10:'],
    ['klog-like fragments', 'E1123 10:00:'],
    ['month names and spaces', 'jan    '],
    ['spaces', ' '],
    ['tabs and newlines', '\t \n'],
    ['newlines', '\n'],
    ['quotes', '"\''],
    ['backticks', '`'],
    ['angle brackets', '<<>'],
    ['placeholder-like', '<a-b_c'],
    ['ANSI without end', '\u001b[0;'],
    ['ANSI escape run', '\u001b'],
    ['control bytes', '\u0000\u0001\u0007'],
    ['replacement characters', '\ufffd'],
    ['hangul run', '노드에서'],
    ['hangul and spaces', '가 '],
    ['full-width letters', 'ｆａｉｌｅｄ'],
    ['format characters', 'a\u200e\u00ad\u200b'],
    ['combining marks', 'a\u0301\u0308'],
    ['NFKC expansion', '\ufdfa'],
    ['Cyrillic look-alikes', 'сοntаinеrd'],
    ['URL-like', 'https://a.b/'],
    ['path-like', '/a/b'],
    ['sha256 fragments', 'sha256:abcdef'],
    ['random token', (i) => ((i * 2654435761) >>> 0).toString(36)],
  ];
  return runs.map(([name, unit]) => ({ name, text: repeatTo(chars, unit) }));
}

/** Every signature with one character changed in its middle, lines numbered so that none repeats. */
export function nearMatches(chars: number, signatures: string[]): PathologicalInput[] {
  if (signatures.length === 0) return [];
  const filled = signatures.map((signature) => signature.replace(/<[a-z0-9_-]+>/gi, 'x'));
  const damaged = filled.map((text) => {
    const middle = Math.floor(text.length / 2);
    return `${text.slice(0, middle)}#${text.slice(middle + 1)}`;
  });
  return [
    { name: 'near-matches of every signature, one per line', text: repeatTo(chars, (i) => `${i} ${damaged[i % damaged.length]}\n`) },
    { name: 'every signature whole, one per line, numbered', text: repeatTo(chars, (i) => `${i} ${filled[i % filled.length]}\n`) },
    { name: 'near-matches run together without spaces', text: repeatTo(chars, (i) => damaged[i % damaged.length]!.replace(/\s+/g, '')) },
    { name: 'the same signature start over and over', text: repeatTo(chars, (i) => `${i} ${filled[0]!.slice(0, 24)}\n`) },
  ];
}

/** Everything above at one size. */
export function pathologicalInputs(chars: number, signatures: string[]): PathologicalInput[] {
  return [...characterRuns(chars), ...nearMatches(chars, signatures)];
}
