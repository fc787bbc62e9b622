import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { realCatalogue } from '../support/catalogue.js';

/** Real pastes (copied from the real set, each with its source), one per class of false match. */
const fixtures = parse(readFileSync(join(process.cwd(), 'test', 'matcher', 'context-fixtures.yaml'), 'utf8')) as Record<string, { input: string }>;
const paste = (name: string): string => fixtures[name]!.input;

describe('context before confidence: the same error text, printed by something else, is not reported', () => {
  test('another tool printed it: helm hitting the Docker Hub rate limit is not pods pulling on nodes', async () => {
    const { matcher } = await realCatalogue();
    const analysis = matcher.analyze(paste('helm-rate-limit'));
    expect(analysis.matches.map((m) => m.id)).not.toContain('dockerhub-pull-rate-limit-imagepullbackoff');
    expect(analysis.notes.join('\n')).toMatch(/helm printed it/);
  });

  test('another runtime: dockershim\'s "NetworkPlugin cni" range exhaustion is not the containerd IP leak', async () => {
    const { matcher } = await realCatalogue();
    const analysis = matcher.analyze(paste('rancher-dockershim-ip'));
    expect(analysis.matches.map((m) => m.id)).not.toContain('pod-ip-exhaustion-containerd-ip-leak');
    expect(analysis.notes.join('\n')).toMatch(/Docker runtime/);
  });

  test('another platform for a platform issue: an EC2 node (a kops cluster) and kind get no GKE or Anthos answer', async () => {
    const { matcher } = await realCatalogue();
    const kops = matcher.analyze(paste('kops-cni-uninitialized'));
    expect(kops.matches.map((m) => m.entry.product)).not.toContain('gke');
    expect(kops.notes.join('\n')).toMatch(/from AWS/);
    const kind = matcher.analyze(paste('kind-jws'));
    expect(kind.matches.map((m) => m.id)).not.toContain('kubeadm-join-jws-signature-large-cluster-install');
    expect(kind.notes.join('\n')).toMatch(/from kind/);
  });

  test('a cluster set up by hand with kubeadm gets no answer that is specific to GKE or Anthos', async () => {
    const { matcher } = await realCatalogue();
    const analysis = matcher.analyze(paste('kubeadm-cni-uninitialized'));
    expect(analysis.matches.filter((m) => m.entry.context.scope === 'platform').map((m) => m.id)).toEqual([]);
    expect(analysis.notes.join('\n')).toMatch(/set up with kubeadm/);
  });

  test('only the generic piece of a platform error (a webhook x509 of the user\'s own operator) does not carry the match', async () => {
    const { matcher } = await realCatalogue();
    const analysis = matcher.analyze(paste('kubebuilder-webhook-x509'));
    expect(analysis.matches.map((m) => m.id)).not.toContain('webhook-x509-after-cert-manager-rotations');
    expect(analysis.notes.join('\n')).toMatch(/only a piece of its error is quoted/);
  });

  test('a message two platforms document places neither: kubelet\'s "cni plugin not initialized" gets no Anthos answer unless the deployment serves Anthos', async () => {
    const { matcher } = await realCatalogue();
    const analysis = matcher.analyze(paste('kops-calico-cni-not-initialized'));
    expect(analysis.matches.filter((m) => m.entry.context.scope === 'platform').map((m) => m.id)).toEqual([]);
    expect(analysis.notes.join('\n')).toMatch(/printed on other platforms too/);
    const served = matcher.match(paste('kops-calico-cni-not-initialized'), { platforms: ['anthos-bare-metal'] });
    expect(served[0]?.id).toBe('worker-node-not-ready-empty-cni-config-after-upgrade');
    expect(served[0]?.context.assumed).toBe('this deployment serves Anthos clusters on bare metal');
  });

  test('a message software every cluster runs prints (the kernel verifier\'s "BPF program is too large" from Cilium) is no platform issue unless something places it there', async () => {
    const { matcher } = await realCatalogue();
    const analysis = matcher.analyze(paste('cilium-bpf-verifier'));
    expect(analysis.matches.filter((m) => m.entry.context.scope === 'platform').map((m) => m.id)).toEqual([]);
    expect(analysis.notes.join('\n')).toMatch(/kernel prints its message outside Anthos clusters on bare metal too, and nothing places the paste on Anthos/);
    // The deployment (or a connected cluster) that runs Anthos places it.
    const [served] = matcher.match(paste('cilium-bpf-verifier'), { platforms: ['anthos-bare-metal'] });
    expect(served?.id).toBe('ubuntu-18-04-6-ga-kernel-bpf-program-too-large');
    expect(served?.context.assumed).toBe('this deployment serves Anthos clusters on bare metal');
  });

  test('a title read as words is the quoted error again: the GKE-documented kubelet message in a plain node description gets no GKE answer', async () => {
    const { matcher } = await realCatalogue();
    const analysis = matcher.analyze(paste('arm-node-cni-uninitialized'));
    expect(analysis.matches.map((m) => m.id)).not.toContain('cni-config-uninitialized-node-creation');
    expect(analysis.notes.join('\n')).toMatch(/print its message outside GKE too, and nothing places the paste on GKE/);
    expect(matcher.match(paste('arm-node-cni-uninitialized'), { platforms: ['gke'] })[0]?.id).toBe('cni-config-uninitialized-node-creation');
  });

  test('a platform issue told at length with nothing of the platform in it is not the answer; a short question, or a deployment that serves the platform, still gets it', async () => {
    const { matcher } = await realCatalogue();
    // microk8s, though the paste never says so: a typo'd image name, not GKE's insecure-registry issue.
    const analysis = matcher.analyze(paste('container-name-typo-http-response'));
    expect(analysis.matches.map((m) => m.id)).not.toContain('insecure-registry-http-response-to-https-client');
    expect(analysis.notes.join('\n')).toMatch(/tells its setting in \d+ words and nothing in it places it on GKE/);
    const served = matcher.match(paste('container-name-typo-http-response'), { platforms: ['gke'] })[0];
    expect(served?.id).toBe('insecure-registry-http-response-to-https-client');
    expect(served?.context.assumed).toBe('this deployment serves GKE');
    // One sentence leaves the platform open: the Anthos issue is still offered, at medium.
    const [short] = matcher.match("pods can't reach google.com from one node. `ip route show` on it prints two default routes, one per NIC");
    expect(short?.id).toBe('multiple-default-gateways-break-external-connectivity');
    expect(short?.confidence).toBe('medium');
  });

  test('a description is read from the person\'s sentences, not from the kubelet events the paste quotes', async () => {
    const { matcher } = await realCatalogue();
    // "Container image ... is not present with pull policy of Never" shares a symptom's words whatever the cause.
    expect(matcher.match(paste('never-pull-events-and-a-question')).map((m) => m.id)).not.toContain('docker-built-local-image-not-visible');
    // A paste of events alone is still read: there is nothing else to read.
    expect(matcher.match(paste('kind-docker-sock-events'))[0]?.id).toBe('privileged-pod-docker-engine-access-containerd');
  });

  test('a generic prefix does not carry the match when the paste says another cause', async () => {
    const { matcher } = await realCatalogue();
    expect(matcher.match(paste('seccomp-other-symbol')).map((m) => m.id)).not.toContain('containerd-1-5-13-requires-libseccomp-2-5');
    expect(matcher.match(paste('extract-no-such-file')).map((m) => m.id)).not.toContain('kaniko-image-pull-not-a-directory');
    expect(matcher.match(paste('podman-requested-ip')).map((m) => m.id)).not.toContain('pod-ip-exhaustion-containerd-ip-leak');
    // The issue's own example: an executable missing from the image, inside the runtime's wrappers.
    const wrapped = 'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "python": executable file not found in $PATH: unknown';
    expect(matcher.match(wrapped).map((m) => m.id)).not.toContain('containerd-shim-leak-under-io-pressure');
  });

  test('a cause in the node\'s kernel under Cilium is the same issue on another distribution: rp_filter on Flatcar', async () => {
    const { matcher } = await realCatalogue();
    const [first] = matcher.match(paste('flatcar-rp-filter-cilium'));
    expect(first?.id).toBe('rp-filter-breaks-pod-connectivity');
    expect(first?.entry.context.scope).toBe('upstream');
  });

  test('the true matches of the same errors stay: runc and libseccomp, crictl and kaniko layers, a k3s IP leak', async () => {
    const { matcher } = await realCatalogue();
    expect(matcher.match(paste('runc-libseccomp'))[0]?.id).toBe('containerd-1-5-13-requires-libseccomp-2-5');
    expect(matcher.match(paste('crictl-not-a-directory'))[0]?.id).toBe('kaniko-image-pull-not-a-directory');
    expect(matcher.match(paste('k3s-ip-leak'))[0]?.id).toBe('pod-ip-exhaustion-containerd-ip-leak');
    // "IP leaked" is the entry's "pod IPs leaking": an initialism's plural is the initialism.
    expect(matcher.match(paste('containerd-ip-leak-described'))[0]?.id).toBe('pod-ip-exhaustion-containerd-ip-leak');
    // The kmem leak's other form: the dying memory cgroups use up the kernel's ids, and mkdir fails with ENOSPC.
    expect(matcher.match(paste('kmem-enospc-events'))[0]?.id).toBe('memory-cgroup-kmem-cannot-allocate-memory');
  });
});

describe('confidence follows corroboration', () => {
  const bare = 'failed to allocate for range 0: no IP addresses available in range set: 10.48.131.1-10.48.131.62';

  test('a bare line is at most medium, with a caveat that says what would make it apply', async () => {
    const { matcher } = await realCatalogue();
    const [first] = matcher.match(bare);
    expect(first?.id).toBe('pod-ip-exhaustion-containerd-ip-leak');
    expect(first?.confidence).toBe('medium');
    expect(first?.context.corroborated).toBe(false);
    expect(first?.context.caveat?.en).toMatch(/applies if your nodes run containerd/);
    expect(first?.context.caveat?.ko).toMatch(/containerd/);
  });

  test('the same error in GKE events on a containerd node is high, without a caveat', async () => {
    const { matcher } = await realCatalogue();
    const events = `Warning  FailedCreatePodSandBox  90s  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5d41c2a1e0b7": plugin type="gke" failed (add): ${bare}`;
    const [first] = matcher.match(`${events}\nNode: gke-prod-default-pool-1a2b3c4d-9xyz`);
    expect(first?.id).toBe('pod-ip-exhaustion-containerd-ip-leak');
    expect(first?.confidence).toBe('high');
    expect(first?.context).toEqual({ corroborated: true });
  });

  test('a message that names its own printer is no context: runc\'s libseccomp error alone, or repeated, is medium; in containerd\'s journal, or told with the node\'s setting, it is high', async () => {
    const { matcher } = await realCatalogue();
    const seccomp = 'runc did not terminate successfully: runc: symbol lookup error: runc: undefined symbol: seccomp_notify_respond';
    for (const alone of [seccomp, `${seccomp}\n${seccomp}`]) {
      const [first] = matcher.match(alone);
      expect(first?.id).toBe('containerd-1-5-13-requires-libseccomp-2-5');
      expect(first?.confidence).toBe('medium');
      expect(first?.context.corroborated).toBe(false);
      expect(first?.context.caveat?.en).toMatch(/applies if the error comes from runc on your nodes/);
    }
    const journal = `Jan 10 10:00:00 bm-node-1 containerd[812]: time="2023-01-10T10:00:00Z" level=error msg="${seccomp}"`;
    const told = `bm-node-1 runs containerd 1.5.13 since the 1.12.1 upgrade:\n${seccomp}`;
    for (const placed of [journal, told]) {
      const [first] = matcher.match(placed);
      expect(first?.id).toBe('containerd-1-5-13-requires-libseccomp-2-5');
      expect(first?.confidence).toBe('high');
      expect(first?.context).toEqual({ corroborated: true });
    }
  });

  test('an upstream cause on another platform is reported, naming the platform, with platform-only steps marked', async () => {
    const { matcher } = await realCatalogue();
    const [first] = matcher.match(paste('k3s-rate-limit'));
    expect(first?.id).toBe('dockerhub-pull-rate-limit-imagepullbackoff');
    expect(first?.context.otherPlatform).toBe('k3s');
    expect(first?.context.caveat?.en).toMatch(/same on k3s.*"NKS only"/);
    expect(first?.entry.remediation.some((step) => step.platform === 'nks')).toBe(true);
  });

  test('the platforms this deployment serves raise or lower the prior of a platform issue, and the answer says so', async () => {
    const { matcher } = await realCatalogue();
    const line = 'could not find a JWS signature in the cluster-info ConfigMap for token ID "p0k3xz"';
    const [unknown] = matcher.match(line);
    const [served] = matcher.match(line, { platforms: ['anthos-bare-metal'] });
    const [elsewhere] = matcher.match(line, { platforms: ['gke'] });
    expect(unknown?.confidence).toBe('medium');
    expect(served?.confidence).toBe('high');
    expect(served?.context.assumed).toMatch(/serves Anthos clusters on bare metal/);
    expect(elsewhere?.score ?? 0).toBeLessThan(unknown!.score);
    expect(elsewhere?.context.assumed ?? '').toMatch(/serves GKE, not Anthos/);
  });
});
