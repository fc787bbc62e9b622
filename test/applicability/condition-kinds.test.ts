/**
 * Every kind of condition the catalogue uses, each boundary on both sides, as clusters report their versions:
 * the last affected build and the first fixed one, `-generic` / `-gke` / `+` kernels, `v1.24` against
 * "1.24 and later", behaviour notes on containerd and Docker nodes, mixed pools, missing facts, and versions
 * past everything the document covers.
 */
import { describe, expect, test } from '@jest/globals';
import { checkApplicability, type ApplicabilityEntry } from '../../src/applicability/check-applicability.js';
import type { Affects, Condition, FixedIn, Product } from '../../src/catalogue/types.js';
import type { ClusterFacts, NodeFacts } from '../../src/clusters/types.js';

const node = (pool: string, over: Partial<NodeFacts>, label = 'cloud.google.com/gke-nodepool'): NodeFacts => ({
  name: `${pool}-1`,
  kubeletVersion: 'v1.24.6-gke.1500',
  containerRuntimeVersion: 'containerd://1.6.6',
  osImage: 'Container-Optimized OS from Google',
  kernelVersion: '5.10.133+',
  operatingSystem: 'linux',
  ...over,
  labels: { [label]: pool, ...over.labels },
});
const gke = (...nodes: NodeFacts[]): ClusterFacts => ({ serverVersion: 'v1.24.6-gke.1500', nodes, bareMetal: { status: 'absent' } });
const kubeadm = (...nodes: NodeFacts[]): ClusterFacts => ({ serverVersion: 'v1.25.9', nodes: nodes.map((n) => ({ ...n, labels: {} })), bareMetal: { status: 'absent' } });
const nks = (...nodes: NodeFacts[]): ClusterFacts => ({ serverVersion: 'v1.24.3', nodes, bareMetal: { status: 'absent' } });
const nksNode = (kubelet: string, runtime: string, kernel = '3.10.0-1160.76.1.el7.x86_64', pool = 'default-worker'): NodeFacts =>
  node(pool, { kubeletVersion: kubelet, containerRuntimeVersion: runtime, osImage: 'CentOS Linux 7 (Core)', kernelVersion: kernel }, 'magnum.openstack.org/nodegroup');
const ubuntu = (kernel: string, pool = 'np-workers'): NodeFacts =>
  node(pool, { kubeletVersion: 'v1.22.8-gke.200', containerRuntimeVersion: 'containerd://1.5.8', osImage: 'Ubuntu 18.04.6 LTS', kernelVersion: kernel }, 'baremetal.cluster.gke.io/node-pool');
const rhel = (pool = 'np-rhel'): NodeFacts =>
  node(pool, { osImage: 'Red Hat Enterprise Linux 8.6 (Ootpa)', kernelVersion: '4.18.0-372.9.1.el8.x86_64' }, 'baremetal.cluster.gke.io/node-pool');
const abm = (version: string | undefined, extra: Partial<ClusterFacts> = {}, nodes: NodeFacts[] = [ubuntu('5.4.0-126-generic')]): ClusterFacts => ({
  serverVersion: 'v1.24.2-gke.1900',
  nodes,
  bareMetal: { status: 'present', clusters: [{ name: 'bm', type: extra.clusterType ?? 'hybrid' }] },
  ...(version ? { anthosBareMetalVersion: version } : {}),
  ...extra,
});
const windows = (runtime: string, build = '10.0.17763.3406'): NodeFacts =>
  node('win-pool', { containerRuntimeVersion: runtime, osImage: 'Windows Server 2019 Datacenter', kernelVersion: build, operatingSystem: 'windows' });

function entry(products: Product[], conditions: Condition[], more: Partial<Affects> & { fixedIn?: FixedIn } = {}): ApplicabilityEntry {
  const { fixedIn, ...affects } = more;
  return {
    affects: { products, wording: '', allVersions: false, conditions, ...affects },
    ...(fixedIn ? { fixedIn } : {}),
    sources: [{ seed: '003_46994a4b9305e97e.txt', heading: 'h', url: 'https://cloud.google.com/anthos/clusters/docs/bare-metal/latest/troubleshooting/known-issues' }],
  };
}
const abmVersions = (ranges: { from?: string; to?: string; before?: string }[], of: 'cluster' | 'admin-cluster' = 'cluster'): Condition => ({
  fact: 'anthosBareMetalVersion',
  of,
  coveredThrough: '1.14',
  ranges,
});
const lines = (...minors: string[]) => minors.map((m) => ({ from: m, to: m }));

// The catalogue's shapes, written the way the entries write them.
const ipLeak = entry(['gke'], [
  { fact: 'gkeVersion', of: 'node', ranges: [{ from: '1.24', to: '1.24.6-gke.1500' }, { from: '1.23', to: '1.23.14-gke.1800' }, { to: '1.22.16-gke.2000' }] },
  { fact: 'containerRuntime', in: ['containerd'] },
]);
const shimLeak = entry(['gke'], [{ fact: 'gkeVersion', of: 'node', ranges: [{ from: '1.28.0', before: '1.28.3-gke.1061000' }] }, { fact: 'containerRuntime', in: ['containerd'] }]);
const nap = entry(['gke'], [{ fact: 'gkeVersion', of: 'cluster', ranges: [{ from: '1.20.0', before: '1.20.6-gke.1800' }] }]);
const github = entry(['nks'], [{ fact: 'kubernetesVersion', of: 'node', ranges: [{ from: '1.24' }] }, { fact: 'containerRuntime', in: ['containerd'] }]);
const driveLetter = entry(['gke'], [{ fact: 'nodeOs', in: ['windows'] }, { fact: 'containerRuntime', in: ['containerd'] }, { fact: 'containerdVersion', ranges: [{ before: '1.6.6' }] }]);
const winBuild = entry(['gke'], [{ fact: 'windowsBuild', ranges: [{ from: '10.0.17763', to: '10.0.17763.3406' }] }]);
const bpf = entry(['anthos-bare-metal'], [
  abmVersions([{ from: '1.11.0', to: '1.11.1' }]),
  { fact: 'nodeOs', in: ['ubuntu'] },
  { fact: 'kernelVersion', ranges: [{ from: '4.15.0-144-generic', to: '4.15.0-176-generic' }] },
]);
const conntrack = entry(['anthos-bare-metal'], [abmVersions(lines('1.14')), { fact: 'nodeOs', in: ['ubuntu'] }, { fact: 'kernelVersion', of: 'node', ranges: [{ from: '5.15' }] }]);
const kmem = entry(['nks'], [
  { fact: 'kernelVersion', of: 'node', ranges: [{ from: '3', to: '4' }] },
  { fact: 'nodeSetting', name: 'memory-cgroup-kmem-accounting', description: 'kmem accounting is on', check: '`cat /proc/cmdline` on each node' },
], { anyPlatform: true });
const firewalld = entry(['anthos-bare-metal'], [
  abmVersions(lines('1.10', '1.11', '1.12', '1.13', '1.14')),
  { fact: 'nodeOs', in: ['centos', 'rhel'] },
  { fact: 'nodeSetting', name: 'firewalld-enabled', description: 'firewalld is enabled on the node', check: '`systemctl is-active firewalld` on each node machine' },
]);
const operator = entry(['anthos-bare-metal'], [abmVersions([...lines('1.10', '1.11', '1.12'), { from: '1.13.0', to: '1.13.2' }])], {
  fixedIn: { wording: '1.13.3 및 1.14.0 이상에서 해결', versions: [{ fact: 'anthosBareMetalVersion', version: '1.13.3' }, { fact: 'anthosBareMetalVersion', version: '1.14.0' }] },
});
const adminMirror = entry(['anthos-bare-metal'], [
  abmVersions(lines('1.11'), 'admin-cluster'),
  abmVersions([{ before: '1.11' }]),
  { fact: 'clusterSetting', setting: 'registryMirrors', of: 'admin-cluster', check: '`kubectl get clusters.baremetal.cluster.gke.io -A -o yaml`' },
]);
const edge = entry(['anthos-bare-metal'], [abmVersions([{ from: '1.13', to: '1.13' }, { from: '1.14.0', to: '1.14.1' }]), { fact: 'clusterProfile', in: ['edge'] }], {
  fixedIn: { wording: '1.14.2 이상', versions: [{ fact: 'anthosBareMetalVersion', version: '1.14.2' }] },
});
const preflight = entry(['anthos-bare-metal'], [abmVersions(lines('1.13'), 'admin-cluster'), { fact: 'clusterType', in: ['user'] }]);
const vmRuntime = entry(['anthos-bare-metal'], [
  abmVersions(lines('1.13')),
  { fact: 'clusterSetting', setting: 'vmRuntimeEnabled', check: "`kubectl get vmruntime vmruntime -o jsonpath='{.spec.enabled}'`" },
]);
const island = entry(['anthos-bare-metal'], [abmVersions([{ from: '1.14.0', before: '1.14.1' }]), { fact: 'clusterSetting', setting: 'islandMode', check: '`grep flatIPv4`' }]);
const mtab = entry(['gke', 'anthos-bare-metal', 'nks', 'containerd'], [{ fact: 'containerRuntime', in: ['containerd'] }]);
const buildImages = entry(['gke'], [{ fact: 'containerRuntime', in: ['containerd'] }]);
const logrotate = entry(['nks'], [{ fact: 'containerRuntime', in: ['docker'] }, { fact: 'nodeSetting', name: 'container-logrotate-missing', description: 'no /etc/logrotate.d/docker', check: '`ls /etc/logrotate.d/docker`' }]);
const lostLine = entry(['anthos-bare-metal'], [{ fact: 'nodeOs', in: ['rhel', 'centos'] }], { versionsLost: true });
const lostWithFix = entry(['anthos-bare-metal'], [{ fact: 'nodeSetting', name: 'large-node-count-at-install', description: '20 or more nodes at creation' }], {
  versionsLost: true,
  fixedIn: { wording: '1.13.4 이상에서 해결', versions: [{ fact: 'anthosBareMetalVersion', version: '1.13.4' }] },
});
const gkeShims = entry(['gke'], [{ fact: 'gkeVersion', ranges: [{ from: '1.25.0', before: '1.25.15-gke.1040000' }, { from: '1.26.0', before: '1.26.10-gke.1030000' }] }], {
  fixedIn: { wording: 'upgrade', versions: [{ fact: 'gkeVersion', version: '1.25.15-gke.1040000' }, { fact: 'gkeVersion', version: '1.26.10-gke.1030000' }] },
});
const cgroupFix = entry(['anthos-bare-metal'], [{ fact: 'nodeSetting', name: 'multi-nic', description: 'multi-NIC' }], {
  fixedIn: { wording: '1.13.4, 1.14.1', versions: [{ fact: 'anthosBareMetalVersion', version: '1.13.4' }, { fact: 'anthosBareMetalVersion', version: '1.14.1' }] },
});

type Row = [string, ApplicabilityEntry, ClusterFacts, 'affected' | 'not-affected' | 'unknown', string];

describe('every kind of condition, both sides of each boundary', () => {
  test.each<Row>([
    // gkeVersion of the node: `to` includes every build of what it names, `-gke.N` builds compare as numbers
    ['GKE: last affected build 1.24.6-gke.1500', ipLeak, gke(node('default-pool', {})), 'affected', 'pool default-pool: kubelet v1.24.6-gke.1500 is in the affected range 1.24 to 1.24.6-gke.1500'],
    ['GKE: next build 1.24.6-gke.1501', ipLeak, gke(node('default-pool', { kubeletVersion: 'v1.24.6-gke.1501' })), 'not-affected', 'outside the affected ranges'],
    ['GKE: open lower bound, 1.21 is "1.22.16-gke.2000 or earlier"', ipLeak, gke(node('default-pool', { kubeletVersion: 'v1.21.14-gke.700' })), 'affected', '1.22.16-gke.2000 or earlier'],
    ['GKE before: last build before the fix', shimLeak, gke(node('default-pool', { kubeletVersion: 'v1.28.3-gke.1060999' })), 'affected', 'up to (not including) 1.28.3-gke.1061000'],
    ['GKE before: the first fixed build', shimLeak, gke(node('default-pool', { kubeletVersion: 'v1.28.3-gke.1061000' })), 'not-affected', 'outside'],
    ['GKE before: same patch, later build', shimLeak, gke(node('default-pool', { kubeletVersion: 'v1.28.3-gke.1203001' })), 'not-affected', 'outside'],
    // gkeVersion of the control plane
    ['control plane before 1.20.6-gke.1800', nap, { ...gke(node('default-pool', {})), serverVersion: 'v1.20.6-gke.1799' }, 'affected', 'control plane v1.20.6-gke.1799'],
    ['control plane at 1.20.6-gke.1800', nap, { ...gke(node('default-pool', {})), serverVersion: 'v1.20.6-gke.1800' }, 'not-affected', 'control plane v1.20.6-gke.1800'],
    // kubernetesVersion: "1.24 and later"
    ['NKS v1.24 against "1.24 and later"', github, nks(nksNode('v1.24', 'containerd://1.6.4')), 'affected', 'kubelet v1.24 is in the affected range 1.24 or later'],
    ['NKS v1.24.0 against "1.24 and later"', github, nks(nksNode('v1.24.0', 'containerd://1.6.4')), 'affected', 'kubelet v1.24.0 is in'],
    ['NKS v1.23.17, the last release before', github, nks(nksNode('v1.23.17', 'containerd://1.6.4')), 'not-affected', 'kubelet v1.23.17 is outside'],
    ['NKS mid-upgrade: v1.23 Docker pool and v1.24 containerd pool', github, nks(nksNode('v1.23.3', 'docker://20.10.17'), nksNode('v1.24.3', 'containerd://1.6.4', undefined, 'new-worker')), 'affected', 'pool new-worker'],
    // containerdVersion + nodeOs per pool
    ['Windows containerd 1.6.5, last before 1.6.6', driveLetter, gke(node('default-pool', {}), windows('containerd://1.6.5')), 'affected', 'pool win-pool: runs Windows Server 2019 Datacenter; runs containerd://1.6.5; containerd 1.6.5 is in the affected range before 1.6.6'],
    ['Windows containerd 1.6.6, the fix', driveLetter, gke(windows('containerd://1.6.6')), 'not-affected', 'containerd 1.6.6 is outside'],
    ['Windows containerd 1.6.6-gke.1, a build of the fix', driveLetter, gke(windows('containerd://1.6.6-gke.1')), 'not-affected', 'outside'],
    ['Windows pool on Docker', driveLetter, gke(windows('docker://19.3.14')), 'not-affected', 'runs docker://19.3.14, not containerd'],
    ['Linux pools only', driveLetter, gke(node('default-pool', { containerRuntimeVersion: 'containerd://1.5.13' })), 'not-affected', 'not windows'],
    // windowsBuild
    ['Windows build 10.0.17763.3406, last affected', winBuild, gke(windows('containerd://1.6.6', '10.0.17763.3406')), 'affected', 'Windows build 10.0.17763.3406 is in'],
    ['Windows build 10.0.17763.3407', winBuild, gke(windows('containerd://1.6.6', '10.0.17763.3407')), 'not-affected', 'outside'],
    // kernelVersion: suffixes
    ['kernel 4.15.0-176-generic, last affected', bpf, abm('1.11.1', {}, [ubuntu('4.15.0-176-generic')]), 'affected', 'kernel 4.15.0-176-generic is in the affected range 4.15.0-144-generic to 4.15.0-176-generic'],
    ['kernel 4.15.0-177-generic, first after', bpf, abm('1.11.1', {}, [ubuntu('4.15.0-177-generic')]), 'not-affected', 'kernel 4.15.0-177-generic is outside'],
    ['kernel 4.15.0-144-generic, first affected', bpf, abm('1.11.0', {}, [ubuntu('4.15.0-144-generic')]), 'affected', '4.15.0-144-generic is in'],
    ['kernel 4.15.0-143-generic, last before', bpf, abm('1.11.0', {}, [ubuntu('4.15.0-143-generic')]), 'not-affected', 'outside'],
    ['kernel 4.15.0-150-aws, another flavour than the GA kernel', bpf, abm('1.11.0', {}, [ubuntu('4.15.0-150-aws')]), 'unknown', 'cannot tell whether kernel 4.15.0-150-aws'],
    ['HWE kernel 5.4 on Ubuntu 18.04', bpf, abm('1.11.1', {}, [ubuntu('5.4.0-150-generic')]), 'not-affected', 'outside'],
    ['mixed pools: one on 4.15.0-176-generic', bpf, abm('1.11.1', {}, [ubuntu('5.4.0-126-generic', 'bm-cp'), ubuntu('4.15.0-176-generic', 'np-legacy')]), 'affected', 'pool np-legacy'],
    ['kernel 5.15.0-1034-gke against 5.15 and later', conntrack, abm('1.14.0', {}, [ubuntu('5.15.0-1034-gke')]), 'affected', 'kernel 5.15.0-1034-gke is in'],
    ['kernel 5.15.0-58-generic against 5.15 and later', conntrack, abm('1.14.1', {}, [ubuntu('5.15.0-58-generic')]), 'affected', 'is in'],
    ['kernel 5.4.0-126-generic, before 5.15', conntrack, abm('1.14.1', {}, [ubuntu('5.4.0-126-generic')]), 'not-affected', 'kernel 5.4.0-126-generic is outside'],
    ['kernel 5.15.89+ (COS) against 3.x/4.x', kmem, gke(node('default-pool', { kernelVersion: '5.15.89+' })), 'not-affected', 'kernel 5.15.89+ is outside'],
    ['kernel 4.19.0+ against 3.x/4.x', kmem, gke(node('default-pool', { kernelVersion: '4.19.112+' })), 'affected', 'kernel 4.19.112+ is in'],
    // an upstream kernel cause applies on any platform
    ['kernel 3.10 on a kubeadm CentOS 7 cluster', kmem, kubeadm(node('x', { osImage: 'CentOS Linux 7 (Core)', kernelVersion: '3.10.0-1160.90.1.el7.x86_64' })), 'affected', 'kernel 3.10.0-1160.90.1.el7.x86_64 is in'],
    ['kernel 4.18 on RHEL 8', kmem, kubeadm(node('x', { osImage: 'Red Hat Enterprise Linux 8.6 (Ootpa)', kernelVersion: '4.18.0-372.9.1.el8.x86_64' })), 'affected', 'is in'],
    ['NKS with a CentOS 7 and an Ubuntu 5.4 nodegroup', kmem, nks(nksNode('v1.24.3', 'containerd://1.6.4', '5.4.0-150-generic', 'ubuntu-ng'), nksNode('v1.24.3', 'containerd://1.6.4', undefined, 'centos-ng')), 'affected', 'pool centos-ng'],
    // anthosBareMetalVersion: lines, spans, and versions past the document
    ['Anthos 1.13.2, last of 1.13.0-1.13.2', operator, abm('1.13.2'), 'affected', 'Anthos bare-metal version 1.13.2 is in the affected range 1.13.0 to 1.13.2'],
    ['Anthos 1.13.3, the fix', operator, abm('1.13.3'), 'not-affected', 'outside'],
    ['Anthos 1.15.1, past the document but past the stated fix', operator, abm('1.15.1'), 'not-affected', 'outside'],
    ['Anthos 1.16.0, past the document, no fix stated', firewalld, abm('1.16.0', {}, [rhel()]), 'unknown', 'newer than any version the document covers (through 1.14)'],
    ['Anthos 1.14.9, inside the document', firewalld, abm('1.14.9', {}, [rhel()]), 'affected', '1.14.9 is in'],
    ['Anthos 1.9.5, before the document', firewalld, abm('1.9.5', {}, [rhel()]), 'not-affected', 'outside'],
    ['Anthos version not reported', operator, abm(undefined), 'unknown', 'reports no anthosBareMetalVersion'],
    // admin-cluster scope and cluster settings of the admin cluster
    ['admin 1.11.1 with a mirror, user 1.10.3', adminMirror, abm('1.10.3', { clusterType: 'user', adminClusterAnthosBareMetalVersion: '1.11.1', adminClusterSettings: { registryMirrors: ['https://10.0.0.5:5000'] } }), 'affected', 'the admin cluster: a registry mirror is configured'],
    ['admin 1.11.1 with no mirror read', adminMirror, abm('1.10.3', { clusterType: 'user', adminClusterAnthosBareMetalVersion: '1.11.1' }), 'affected', 'check by hand: on the admin cluster, whether a registry mirror is configured'],
    ['admin 1.12.0', adminMirror, abm('1.10.3', { clusterType: 'user', adminClusterAnthosBareMetalVersion: '1.12.0' }), 'not-affected', 'admin cluster Anthos bare-metal version 1.12.0 is outside'],
    ['admin not connected', adminMirror, abm('1.10.3', { clusterType: 'user' }), 'unknown', 'K8SFIX_ADMIN_CLUSTERS'],
    ['admin not connected, user cluster already 1.11', adminMirror, abm('1.11.0', { clusterType: 'user' }), 'not-affected', '1.11.0 is outside'],
    // clusterProfile and clusterType
    ['edge profile 1.14.1, last affected', edge, abm('1.14.1', { clusterProfile: 'edge' }), 'affected', 'cluster profile is edge'],
    ['edge profile 1.14.2, the fix', edge, abm('1.14.2', { clusterProfile: 'edge' }), 'not-affected', 'outside'],
    ['default profile', edge, abm('1.13.1', { clusterProfile: 'default' }), 'not-affected', 'the issue needs edge'],
    ['profile not known', edge, abm('1.14.0'), 'unknown', 'the cluster profile is not known'],
    ['a user cluster', preflight, abm('1.13.2', { clusterType: 'user', adminClusterAnthosBareMetalVersion: '1.13.2' }), 'affected', 'is a user cluster'],
    ['an admin cluster', preflight, abm('1.13.2', { clusterType: 'admin', adminClusterAnthosBareMetalVersion: '1.13.2' }), 'not-affected', 'is an admin cluster, the issue is about user clusters'],
    // cluster settings: read on, read off, not read
    ['VM Runtime enabled', vmRuntime, abm('1.13.0', { settings: { vmRuntimeEnabled: true } }), 'affected', 'the cluster: VM Runtime is enabled'],
    ['VM Runtime off', vmRuntime, abm('1.13.0', { settings: { vmRuntimeEnabled: false } }), 'not-affected', 'VM Runtime is not enabled'],
    ['VM Runtime not read', vmRuntime, abm('1.13.0'), 'affected', "check by hand: on the cluster, whether VM Runtime is enabled: check with `kubectl get vmruntime vmruntime -o jsonpath='{.spec.enabled}'`"],
    ['island mode 1.14.0', island, abm('1.14.0', { settings: { islandMode: true } }), 'affected', 'island-mode'],
    ['flat mode 1.14.0', island, abm('1.14.0', { settings: { islandMode: false } }), 'not-affected', 'flat-mode'],
    ['island mode 1.14.1, the fix', island, abm('1.14.1', { settings: { islandMode: true } }), 'not-affected', 'outside'],
    // nodeSetting: listed with its command, never decides
    ['firewalld on RHEL, in range', firewalld, abm('1.13.2', {}, [rhel()]), 'affected', 'check by hand: firewalld is enabled on the node: check with `systemctl is-active firewalld` on each node machine'],
    ['firewalld on Ubuntu', firewalld, abm('1.13.2', {}, [ubuntu('5.4.0-126-generic')]), 'not-affected', 'not centos or rhel'],
    ['firewalld, mixed Ubuntu and RHEL pools', firewalld, abm('1.14.0', {}, [ubuntu('5.4.0-126-generic', 'bm-cp'), rhel()]), 'affected', 'pool np-rhel: runs Red Hat Enterprise Linux 8.6 (Ootpa)'],
    // behaviour notes with no version: containerd nodes are affected, Docker nodes are not
    ['/etc/mtab on a kubeadm containerd cluster', mtab, kubeadm(node('x', { containerRuntimeVersion: 'containerd://1.6.21' })), 'affected', 'runs containerd://1.6.21'],
    ['/etc/mtab on cri-dockerd', mtab, kubeadm(node('x', { containerRuntimeVersion: 'docker://20.10.21' })), 'not-affected', 'not containerd'],
    ['building images: mixed Docker and containerd pools', buildImages, gke(node('docker-pool', { containerRuntimeVersion: 'docker://20.10.6' }), node('ctrd-pool', {})), 'affected', 'pool ctrd-pool: runs containerd://1.6.6'],
    ['building images: Docker pools only', buildImages, gke(node('docker-pool', { containerRuntimeVersion: 'docker://20.10.6' })), 'not-affected', 'pool docker-pool: runs docker://20.10.6, not containerd'],
    ['runtime from the GKE label when nodeInfo has none', buildImages, gke(node('p', { containerRuntimeVersion: undefined, labels: { 'cloud.google.com/gke-container-runtime': 'containerd' } })), 'affected', 'runs label cloud.google.com/gke-container-runtime=containerd'],
    ['no runtime reported at all', buildImages, gke(node('p', { containerRuntimeVersion: undefined })), 'unknown', 'reports no container runtime'],
    ['NKS Docker workers, log rotation to check', logrotate, nks(nksNode('v1.23.3', 'docker://20.10.17')), 'affected', 'check by hand: no /etc/logrotate.d/docker: check with `ls /etc/logrotate.d/docker`'],
    // missing facts
    ['no nodes listed', mtab, { serverVersion: 'v1.27.3', nodes: [] }, 'unknown', 'no nodes were reported'],
    ['lost version line, RHEL nodes', lostLine, abm('1.14.0', {}, [rhel()]), 'unknown', "lost this issue's version line"],
    ['lost version line, Ubuntu nodes: the OS decides', lostLine, abm('1.14.0'), 'not-affected', 'not rhel or centos'],
    ['lost version line, at the stated fix', lostWithFix, abm('1.13.4'), 'not-affected', 'has the fix (fixed in 1.13.4)'],
    ['lost version line, a line after the fix', lostWithFix, abm('1.14.1'), 'not-affected', 'release line after the fix'],
    ['lost version line, before the fix', lostWithFix, abm('1.13.3'), 'unknown', "lost this issue's version line"],
    // fixed versions on several lines
    ['GKE 1.26.5 between two fixed lines', gkeShims, gke(node('p', { kubeletVersion: 'v1.26.5-gke.100' })), 'affected', 'is in'],
    ['a fix on two lines, 1.14.0 between them', cgroupFix, abm('1.14.0'), 'unknown', 'fixed in 1.13.4, 1.14.1'],
    ['a fix on two lines, 1.15.0 after both', cgroupFix, abm('1.15.0'), 'not-affected', 'release line after the fix'],
  ])('%s', (_why, issue, facts, verdict, reason) => {
    const result = checkApplicability(issue, facts);
    expect({ verdict: result.verdict, reasons: result.reasons.join(' | ') }).toEqual({ verdict, reasons: expect.stringContaining(reason) });
  });
});

describe('what a verdict carries', () => {
  test('affected names the deciding facts, the pool, and each check with its command', () => {
    const result = checkApplicability(firewalld, abm('1.13.2', {}, [ubuntu('5.4.0-126-generic', 'bm-cp'), rhel()]));
    expect(result).toEqual({
      verdict: 'affected',
      reasons: [
        'Anthos bare-metal version 1.13.2 is in the affected range 1.13 to 1.13',
        'pool np-rhel: runs Red Hat Enterprise Linux 8.6 (Ootpa)',
        'check by hand: firewalld is enabled on the node: check with `systemctl is-active firewalld` on each node machine',
      ],
      checks: ['firewalld is enabled on the node: check with `systemctl is-active firewalld` on each node machine'],
      pools: ['np-rhel'],
    });
  });

  test('not-affected lists no checks: a false condition settles it', () => {
    const result = checkApplicability(firewalld, abm('1.13.2', {}, [ubuntu('5.4.0-126-generic')]));
    expect(result).toMatchObject({ verdict: 'not-affected', checks: [], pools: ['np-workers'] });
  });

  test('unknown names the missing fact and how to provide it', () => {
    const result = checkApplicability(adminMirror, abm('1.10.3', { clusterType: 'user' }));
    expect(result.verdict).toBe('unknown');
    expect(result.reasons).toEqual([expect.stringMatching(/^the admin cluster's Anthos version is not known: link this context .* in K8SFIX_ADMIN_CLUSTERS/)]);
  });

  test('a platform-only decision names the platform', () => {
    const result = checkApplicability(entry(['gke'], [], { allVersions: true }), gke(node('default-pool', {})));
    expect(result.reasons).toEqual(['this cluster is GKE (node label cloud.google.com/gke-nodepool=default-pool); the document says every version is affected']);
  });
});
