import { describe, expect, test } from '@jest/globals';
import { realCatalogue } from '../support/catalogue.js';

const { catalogue, matcher } = await realCatalogue();
const IP_LEAK = 'pod-ip-exhaustion-containerd-ip-leak';
const IP_LEAK_LINE = 'failed to allocate for range 0: no IP addresses available in range set: 10.48.131.1-10.48.131.62';

/** Unrelated but realistic node log lines, to bury an error in. */
function noise(lines: number, seed = 0): string {
  const templates = [
    (i: number) => `Nov 23 10:${String(i % 60).padStart(2, '0')}:01 gke-prod-pool-1-abcd containerd[812]: time="2026-11-23T10:00:01Z" level=info msg="ImageCreate event name:\\"docker.io/library/nginx:1.25.${i}\\""`,
    (i: number) => `I1123 10:00:0${i % 10}.123456    1702 kubelet.go:2445] "SyncLoop (PLEG): event for pod" pod="shop/cart-7d9f8b6c5d-x2x9q" event=${i}`,
    (i: number) => `{"level":"info","ts":"2026-11-23T10:00:01Z","msg":"reconciled deployment ${i}","controller":"deployment"}`,
    (i: number) => `  Normal   Pulled     ${i}s   kubelet  Container image "registry.k8s.io/pause:3.9" already present on machine`,
  ];
  return Array.from({ length: lines }, (_, i) => templates[(i + seed) % templates.length]!(i)).join('\n');
}

describe('matcher', () => {
  test('a bare error line names the issue, at medium confidence since nothing says where it ran, and shows the line as evidence', () => {
    const [first, ...rest] = matcher.match(IP_LEAK_LINE);
    expect(first).toMatchObject({ id: IP_LEAK, confidence: 'medium', context: { corroborated: false } });
    expect(first!.evidence[0]).toMatchObject({ kind: 'signature', lineNumber: 1, line: IP_LEAK_LINE });
    expect(first!.title).toBe(catalogue.byId.get(IP_LEAK)!.title.en);
    expect(first!.score).toBeGreaterThanOrEqual(0.8);
    expect(first!.score).toBeLessThan(0.85);
    expect(matcher.match(`containerd[812]: ${IP_LEAK_LINE}`)[0]).toMatchObject({ id: IP_LEAK, confidence: 'high' });
    for (const other of rest) expect(other.score).toBeLessThan(first!.score);
  });

  test('the same error inside 400 lines of log noise, a JSON log line, a Slack-wrapped paste and odd quoting', () => {
    const forms = [
      `${noise(200)}\n  Warning  FailedCreatePodSandBox  kubelet  ${IP_LEAK_LINE}\n${noise(200, 1)}`,
      JSON.stringify({ level: 'error', msg: `RunPodSandbox failed: plugin type="gke" failed (add): ${IP_LEAK_LINE}` }),
      'failed to allocate for range 0: no IP addresses avai\nlable in range set: 10.48.131.1-10.48.131.62',
      '“failed to allocate for range 0”: no IP addresses   available in `range set`: 10.0.0.1-10.0.0.30',
      `\u001b[31mE1123\u001b[0m ${IP_LEAK_LINE.toUpperCase()}`,
    ];
    for (const form of forms) expect(matcher.match(form)[0]?.id).toBe(IP_LEAK);
  });

  test('the evidence line number points into the paste', () => {
    const paste = `${noise(30)}\n${IP_LEAK_LINE}\n${noise(5)}`;
    const [first] = matcher.match(paste);
    expect(first?.evidence[0]?.lineNumber).toBe(31);
  });

  test('a paste that shows several known issues returns each, with its own evidence', () => {
    const withSignatures = catalogue.entries.filter((entry) => entry.signatures.length > 0);
    const picked = [withSignatures[0]!, withSignatures[Math.floor(withSignatures.length / 2)]!, withSignatures[withSignatures.length - 1]!];
    const paste = [noise(20), picked[0]!.examples[0], noise(20, 2), picked[1]!.examples[0], noise(10, 3), picked[2]!.examples[0]].join('\n');
    const matches = matcher.match(paste, { top: 10 });
    for (const entry of picked) {
      const match = matches.find((m) => m.id === entry.id);
      expect(match).toBeDefined();
      expect(match!.evidence[0]!.line.length).toBeGreaterThan(0);
    }
    const evidenceLines = new Set(picked.map((entry) => matches.find((m) => m.id === entry.id)!.evidence[0]!.lineNumber));
    expect(evidenceLines.size).toBe(3);
  });

  test.each([
    ['OOMKilled', 'Last State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137'],
    ['an application exit code', 'Back-off restarting failed container api in pod api-6b7c9d8f5-abcde_prod(1234)\nExit Code: 1'],
    ['scheduling for lack of CPU', 'Warning FailedScheduling 0/5 nodes are available: 5 Insufficient cpu. preemption: 0/5 nodes are available'],
    ['a readiness probe', 'Readiness probe failed: HTTP probe failed with statuscode: 503'],
    ['a misspelt tag', 'Failed to pull image "nginx:lates": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:lates": failed to resolve reference "docker.io/library/nginx:lates": docker.io/library/nginx:lates: not found'],
    ['chatter', '배포 끝났어요. 점심 뭐 먹을까요?'],
    ['an empty paste', '   \n\t '],
  ])('abstains on %s', (_name, text) => {
    expect(matcher.match(text)).toEqual([]);
  });

  test('binary junk and a 1 MB single line return without throwing', () => {
    // Deterministic pseudo-random bytes (a linear congruential generator), read as Latin-1 like a binary file.
    let state = 42;
    const junk = Buffer.from(Array.from({ length: 1_000_000 }, () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 16) & 0xff)).toString('latin1');
    expect(matcher.match(junk)).toEqual([]);
    expect(matcher.analyze(junk).notes.join(' ')).toContain('binary');
    const oneLine = 'x'.repeat(500_000) + IP_LEAK_LINE + 'y'.repeat(500_000);
    expect(() => matcher.match(oneLine)).not.toThrow();
  });

  test('input over 1 MB is read whole, with a note giving its size: an error at the start or at the end is found', () => {
    for (const big of [`${IP_LEAK_LINE}\n${noise(20_000)}`, `${noise(20_000)}\n${IP_LEAK_LINE}`]) {
      expect(big.length).toBeGreaterThan(1_000_000);
      const { matches, notes } = matcher.analyze(big);
      expect(matches[0]?.id).toBe(IP_LEAK);
      expect(notes[0]).toContain(`read the whole input: ${big.length.toLocaleString('en')} characters, 20,001 lines`);
    }
  });

  test('anything that is not a string returns no match rather than throwing', () => {
    expect(matcher.match(undefined as unknown as string)).toEqual([]);
    expect(matcher.match(42 as unknown as string)).toEqual([]);
  });

  test('a text about another platform gets no platform-specific issue, unless it names the product too', () => {
    const jws = 'could not find a JWS signature in the cluster-info ConfigMap for token ID "p0k3xz"';
    expect(matcher.match(`EKS 1.27 nodes: ${jws}`)).toEqual([]);
    expect(matcher.match(`AKS 노드에서만 안 돼요 ${jws}`)).toEqual([]);
    expect(matcher.match(`fine on EKS, but on our Anthos bare metal cluster: ${jws}`)[0]?.id).toBe('kubeadm-join-jws-signature-large-cluster-install');
  });

  test('an upstream cause on another platform is still its answer, with the platform named', () => {
    const [first] = matcher.match(`EKS 1.27 nodes: ${IP_LEAK_LINE}`);
    expect(first).toMatchObject({ id: IP_LEAK, context: { otherPlatform: 'EKS' } });
    expect(first!.context.caveat?.en).toMatch(/same on EKS/);
  });

  test('generic parts count only together: a pull failing on x509 is the private-registry issue, x509 elsewhere is not', () => {
    const pull = 'Failed to pull image "harbor.corp.example/team/api:3.1": rpc error: code = Unknown desc = failed to pull and unpack image "harbor.corp.example/team/api:3.1": failed to resolve reference "harbor.corp.example/team/api:3.1": failed to do request: Head "https://harbor.corp.example/v2/team/api/manifests/3.1": x509: certificate signed by unknown authority';
    expect(matcher.match(pull)[0]?.id).toBe('private-registry-x509-unknown-authority');
    expect(matcher.match('Get "https://registry.corp.local:5000/v2/": x509: certificate signed by unknown authority')).toEqual([]);
    expect(matcher.match('Error: looks like "https://charts.corp.local:8080" is not a valid chart repository: Get "https://charts.corp.local:8080/index.yaml": http: server gave HTTP response to HTTPS client')).toEqual([]);
  });

  test('top limits the number of matches', () => {
    const paste = catalogue.entries.filter((e) => e.signatures.length > 0).slice(0, 6).map((e) => e.examples[0]).join('\n');
    expect(matcher.match(paste, { top: 2 })).toHaveLength(2);
  });
});
