import { describe, expect, test } from '@jest/globals';
import { checkApplicability, type ApplicabilityEntry } from '../../src/applicability/check-applicability.js';
import type { Affects, Condition, FixedIn, Product } from '../../src/catalogue/types.js';
import type { ClusterFacts, NodeFacts } from '../../src/clusters/types.js';

const cos = (kubelet: string, runtime = 'containerd://1.6.6'): NodeFacts => ({
  name: `gke-prod-default-pool-${kubelet}`,
  kubeletVersion: kubelet,
  containerRuntimeVersion: runtime,
  osImage: 'Container-Optimized OS from Google',
  kernelVersion: '5.10.133+',
  operatingSystem: 'linux',
  labels: { 'cloud.google.com/gke-nodepool': 'default-pool', 'cloud.google.com/gke-os-distribution': 'cos' },
});
const windows = (runtime: string, build = '10.0.17763.3406', kubelet = 'v1.24.6-gke.1500'): NodeFacts => ({
  name: 'gke-prod-win-pool-q1w2',
  kubeletVersion: kubelet,
  containerRuntimeVersion: runtime,
  osImage: 'Windows Server 2019 Datacenter',
  kernelVersion: build,
  operatingSystem: 'windows',
  labels: { 'cloud.google.com/gke-nodepool': 'win-pool', 'cloud.google.com/gke-os-distribution': 'windows_ltsc' },
});
const ubuntu = (kernel: string, pool = 'np-workers'): NodeFacts => ({
  name: `abm-${pool}-1`,
  kubeletVersion: 'v1.24.2-gke.1900',
  containerRuntimeVersion: 'containerd://1.6.6-gke.1',
  osImage: 'Ubuntu 20.04.5 LTS',
  kernelVersion: kernel,
  operatingSystem: 'linux',
  labels: { 'baremetal.cluster.gke.io/node-pool': pool },
});
const nks = (kubelet: string, runtime: string, kernel = '3.10.0-1160.76.1.el7.x86_64'): NodeFacts => ({
  name: 'nks-seoul-default-worker-node-0',
  kubeletVersion: kubelet,
  containerRuntimeVersion: runtime,
  osImage: 'CentOS Linux 7 (Core)',
  kernelVersion: kernel,
  operatingSystem: 'linux',
  labels: { 'magnum.openstack.org/nodegroup': 'default-worker' },
});

const gke = (...nodes: NodeFacts[]): ClusterFacts => ({ serverVersion: 'v1.24.6-gke.1500', nodes });
const abm = (version: string | undefined, extra: Partial<ClusterFacts> = {}, nodes = [ubuntu('5.4.0-126-generic')]): ClusterFacts => ({
  serverVersion: 'v1.24.2-gke.1900',
  nodes,
  ...(version ? { anthosBareMetalVersion: version } : {}),
  bareMetal: { status: 'present', clusters: [{ name: 'edge-store-17', type: 'hybrid' }] },
  ...extra,
});
const eks: ClusterFacts = {
  serverVersion: 'v1.24.17-eks-8cb36c9',
  nodes: [{ name: 'ip-10-0-1-23', kubeletVersion: 'v1.24.17-eks-ba74326', containerRuntimeVersion: 'containerd://1.6.19', osImage: 'Amazon Linux 2', kernelVersion: '5.10.192-183.736.amzn2.x86_64', operatingSystem: 'linux', labels: { 'eks.amazonaws.com/nodegroup': 'ng-1' } }],
};

function entry(products: Product[], conditions: Condition[], more: Partial<Affects> & { fixedIn?: FixedIn } = {}): ApplicabilityEntry {
  const { fixedIn, ...affects } = more;
  return { affects: { products, wording: '', allVersions: false, conditions, ...affects }, ...(fixedIn ? { fixedIn } : {}) };
}

const ipLeak = entry(['gke'], [
  { fact: 'gkeVersion', of: 'node', ranges: [{ from: '1.24', to: '1.24.6-gke.1500' }, { from: '1.23', to: '1.23.14-gke.1800' }, { to: '1.22.16-gke.2000' }] },
  { fact: 'containerRuntime', in: ['containerd'] },
]);
const windowsDriveLetter = entry(['gke'], [
  { fact: 'nodeOs', in: ['windows'] },
  { fact: 'containerRuntime', in: ['containerd'] },
  { fact: 'containerdVersion', ranges: [{ before: '1.6.6' }] },
]);
const windowsBuild = entry(['gke'], [{ fact: 'windowsBuild', ranges: [{ from: '10.0.17763', to: '10.0.17763.3406' }] }]);
const napDocker = entry(['gke'], [
  { fact: 'gkeVersion', of: 'cluster', ranges: [{ from: '1.18', to: '1.18' }, { from: '1.19', to: '1.19' }, { from: '1.20.0', before: '1.20.6-gke.1800' }] },
]);
const conntrack = entry(['anthos-bare-metal'], [
  { fact: 'anthosBareMetalVersion', of: 'cluster', ranges: [{ from: '1.14', to: '1.14' }] },
  { fact: 'nodeOs', in: ['ubuntu'] },
  { fact: 'kernelVersion', of: 'node', ranges: [{ from: '5.15' }] },
]);
const operatorCrash = entry(['anthos-bare-metal'], [
  { fact: 'anthosBareMetalVersion', of: 'cluster', ranges: [{ from: '1.12', to: '1.12' }, { from: '1.13.0', to: '1.13.2' }] },
]);
const adminManagesUser = entry(['anthos-bare-metal'], [
  { fact: 'anthosBareMetalVersion', of: 'admin-cluster', ranges: [{ from: '1.13.0', to: '1.13.0' }] },
  { fact: 'anthosBareMetalVersion', of: 'cluster', ranges: [{ from: '1.12.3', to: '1.12.3' }] },
]);
const edgeProfile = entry(['anthos-bare-metal'], [
  { fact: 'anthosBareMetalVersion', of: 'cluster', ranges: [{ from: '1.13', to: '1.13' }] },
  { fact: 'clusterProfile', in: ['edge'] },
]);
const cgroupV2 = entry(['anthos-bare-metal'], [
  { fact: 'anthosBareMetalVersion', of: 'cluster', ranges: [{ from: '1.13', to: '1.13' }] },
  { fact: 'nodeSetting', name: 'cgroup-v2', description: 'The node machine uses control group v2' },
]);
const githubRegistry = entry(['nks'], [
  { fact: 'kubernetesVersion', of: 'node', ranges: [{ from: '1.24' }] },
  { fact: 'containerRuntime', in: ['containerd'] },
]);
const kmem = entry(['nks'], [{ fact: 'kernelVersion', of: 'node', ranges: [{ from: '3', to: '4' }] }]);
const anyContainerd = entry(['gke', 'anthos-bare-metal', 'nks', 'containerd'], [{ fact: 'containerRuntime', in: ['containerd'] }], { allVersions: true });
const noVersions = entry(['gke'], [{ fact: 'containerRuntime', in: ['containerd'] }], { wording: '' });
const everyVersion = entry(['gke'], [], { allVersions: true });
const onlyFixed = entry(['anthos-bare-metal'], [{ fact: 'nodeSetting', name: 'multi-nic', description: 'Multi-NIC is enabled' }], {
  fixedIn: { wording: '1.14.1', versions: [{ fact: 'anthosBareMetalVersion', version: '1.14.1' }] },
});
const emptyRanges = entry(['gke'], [{ fact: 'gkeVersion', ranges: [] }]);

describe('checkApplicability', () => {
  test.each<[string, ApplicabilityEntry, ClusterFacts, string, string]>([
    // gkeVersion per node, boundaries of "1.24.6-gke.1500 or earlier"
    ['last affected GKE build', ipLeak, gke(cos('v1.24.6-gke.1500')), 'affected', 'pool default-pool: kubelet v1.24.6-gke.1500 is in the affected range 1.24 to 1.24.6-gke.1500'],
    ['first later GKE build', ipLeak, gke(cos('v1.24.6-gke.1501')), 'not-affected', 'outside the affected ranges'],
    ['-gke.700 is below -gke.1500', ipLeak, gke(cos('v1.24.6-gke.700')), 'affected', 'v1.24.6-gke.700 is in the affected range'],
    ['GKE version affected but docker runtime', ipLeak, gke(cos('v1.24.6-gke.1500', 'docker://20.10.12')), 'not-affected', 'runs docker://20.10.12, not containerd'],
    ['kubelet version missing', ipLeak, gke({ ...cos('v1.24.6-gke.1500'), kubeletVersion: undefined }), 'unknown', 'the node reports no version'],
    ['one node of a pool mid-upgrade', ipLeak, gke(cos('v1.24.6-gke.1500'), cos('v1.24.7-gke.300')), 'affected', '(1 of 2 nodes)'],
    // gkeVersion of the control plane
    ['control plane last affected', napDocker, { ...gke(cos('v1.20.6-gke.1800')), serverVersion: 'v1.20.6-gke.1799' }, 'affected', 'control plane v1.20.6-gke.1799'],
    ['control plane first fixed', napDocker, { ...gke(cos('v1.20.5-gke.100')), serverVersion: 'v1.20.6-gke.1800' }, 'not-affected', 'control plane v1.20.6-gke.1800'],
    ['control plane version missing', napDocker, { nodes: gke(cos('v1.20.5-gke.100')).nodes }, 'unknown', 'control plane reports no version'],
    // nodeOs + containerdVersion, decided per pool
    ['Windows pool with containerd before 1.6.6', windowsDriveLetter, gke(cos('v1.24.6-gke.1500'), windows('containerd://1.6.2-gke.0')), 'affected', 'pool win-pool: runs Windows Server 2019 Datacenter; runs containerd://1.6.2-gke.0; containerd 1.6.2-gke.0 is in the affected range before 1.6.6'],
    ['Windows pool on containerd 1.6.6', windowsDriveLetter, gke(cos('v1.24.6-gke.1500'), windows('containerd://1.6.6')), 'not-affected', 'pool win-pool: containerd 1.6.6 is outside'],
    ['Windows pool on containerd 1.6.5, last affected', windowsDriveLetter, gke(windows('containerd://1.6.5')), 'affected', 'pool win-pool'],
    ['Linux-only cluster', windowsDriveLetter, gke(cos('v1.24.6-gke.1500', 'containerd://1.5.0')), 'not-affected', 'pool default-pool: runs Container-Optimized OS from Google, not windows'],
    ['Windows node without a runtime', windowsDriveLetter, gke({ ...windows('containerd://1.6.2'), containerRuntimeVersion: undefined }), 'unknown', 'reports no container runtime'],
    // windowsBuild
    ['Windows build last affected', windowsBuild, gke(windows('containerd://1.6.6', '10.0.17763.3406')), 'affected', 'Windows build 10.0.17763.3406 is in'],
    ['Windows build first fixed', windowsBuild, gke(windows('containerd://1.6.6', '10.0.17763.3407')), 'not-affected', 'Windows build 10.0.17763.3407 is outside'],
    ['Windows build on a Linux pool', windowsBuild, gke(cos('v1.24.6-gke.1500')), 'not-affected', 'not Windows'],
    // anthosBareMetalVersion of the cluster
    ['Anthos 1.13.2, last affected', operatorCrash, abm('1.13.2'), 'affected', 'Anthos bare-metal version 1.13.2 is in the affected ranges'.replace('ranges', 'range 1.13.0 to 1.13.2')],
    ['Anthos 1.13.3, first fixed', operatorCrash, abm('1.13.3'), 'not-affected', 'Anthos bare-metal version 1.13.3 is outside'],
    ['Anthos 1.12.8, whole 1.12 line', operatorCrash, abm('1.12.8'), 'affected', '1.12 to 1.12'],
    ['Anthos version missing', operatorCrash, abm(undefined), 'unknown', 'reports no anthosBareMetalVersion'],
    // admin-cluster scope
    ['admin 1.13.0 manages user 1.12.3', adminManagesUser, abm('1.12.3', { adminClusterAnthosBareMetalVersion: '1.13.0' }), 'affected', 'admin cluster Anthos bare-metal version 1.13.0'],
    ['admin 1.13.1', adminManagesUser, abm('1.12.3', { adminClusterAnthosBareMetalVersion: '1.13.1' }), 'not-affected', 'admin cluster Anthos bare-metal version 1.13.1 is outside'],
    ['admin version unknown', adminManagesUser, abm('1.12.3', { bareMetal: { status: 'present', clusters: [{ name: 'user-1', type: 'user' }] } }), 'unknown', 'K8SFIX_ADMIN_CLUSTERS'],
    ['a hybrid cluster is its own admin cluster', adminManagesUser, abm('1.12.3'), 'not-affected', 'admin cluster Anthos bare-metal version 1.12.3 is outside'],
    ['version from the bare-metal Cluster list alone', operatorCrash, { ...abm(undefined), bareMetal: { status: 'present', clusters: [{ name: 'bm', type: 'hybrid', anthosBareMetalVersion: '1.13.2' }] } }, 'affected', '1.13.2 is in'],
    ['admin unknown but user version outside', adminManagesUser, abm('1.12.4'), 'not-affected', '1.12.4 is outside'],
    // clusterProfile
    ['edge profile', edgeProfile, abm('1.13.1', { clusterProfile: 'edge' }), 'affected', 'cluster profile is edge'],
    ['default profile', edgeProfile, abm('1.13.1', { clusterProfile: 'default' }), 'not-affected', 'cluster profile is default, the issue needs edge'],
    ['profile unknown', edgeProfile, abm('1.13.1'), 'unknown', 'cluster profile is not known'],
    // nodeSetting: never decides; an affected answer lists it to check by hand
    ['node setting with an affected version', cgroupV2, abm('1.13.1'), 'affected', 'check by hand: The node machine uses control group v2'],
    ['node setting with a fixed version', cgroupV2, abm('1.14.0'), 'not-affected', '1.14.0 is outside'],
    // kernelVersion + nodeOs: Ubuntu 5.15 pools only
    ['Ubuntu 5.15 kernel', conntrack, abm('1.14.0', {}, [ubuntu('5.4.0-126-generic', 'np-old'), ubuntu('5.15.0-1034-gke', 'np-new')]), 'affected', 'pool np-new'],
    ['Ubuntu 5.4 kernel only', conntrack, abm('1.14.0', {}, [ubuntu('5.4.0-126-generic')]), 'not-affected', 'kernel 5.4.0-126-generic is outside'],
    ['kernel missing', conntrack, abm('1.14.0', {}, [{ ...ubuntu('5.15.0-1034-gke'), kernelVersion: undefined }]), 'unknown', 'reports no kernel version'],
    ['no nodes listed', conntrack, abm('1.14.0', {}, []), 'unknown', 'no nodes were reported'],
    // kubernetesVersion, NKS
    ['NKS 1.24 on containerd', githubRegistry, { serverVersion: 'v1.24.3', nodes: [nks('v1.24.3', 'containerd://1.6.4')] }, 'affected', 'kubelet v1.24.3 is in the affected range 1.24 or later'],
    ['NKS 1.23 on docker', githubRegistry, { serverVersion: 'v1.23.3', nodes: [nks('v1.23.3', 'docker://20.10.7')] }, 'not-affected', 'outside'],
    ['kernel 3.10 against "3 to 4"', kmem, { nodes: [nks('v1.24.3', 'containerd://1.6.4')] }, 'affected', 'kernel 3.10.0-1160.76.1.el7.x86_64'],
    ['kernel 5.4 against "3 to 4"', kmem, { nodes: [nks('v1.24.3', 'containerd://1.6.4', '5.4.0-1-generic')] }, 'not-affected', 'outside'],
    // products
    ['GKE-only issue on EKS', ipLeak, eks, 'not-affected', 'this cluster is EKS'],
    ['GKE-only issue on Anthos bare metal', ipLeak, abm('1.13.1'), 'not-affected', 'this cluster is Anthos bare metal'],
    ['Anthos issue on GKE', operatorCrash, gke(cos('v1.24.6-gke.1500')), 'not-affected', 'this cluster is GKE'],
    ['NKS issue on a plain cluster', githubRegistry, { serverVersion: 'v1.27.3', nodes: [{ ...ubuntu('5.15.0-76-generic'), kubeletVersion: 'v1.27.3', labels: {} }] }, 'not-affected', 'this cluster is other'],
    ['Google build without labels or bare-metal answer', ipLeak, { serverVersion: 'v1.24.6-gke.1500', nodes: [{ ...cos('v1.24.6-gke.1500'), labels: {} }] }, 'unknown', 'cannot tell the platform'],
    ['containerd issue on EKS', anyContainerd, eks, 'affected', 'runs containerd://1.6.19'],
    // what the document does not say
    ['behaviour note with no versions, containerd node', noVersions, gke(cos('v1.24.6-gke.1500')), 'affected', 'pool default-pool: runs containerd://1.6.6'],
    ['document names no versions, condition false', noVersions, gke(cos('v1.24.6-gke.1500', 'docker://20.10.12')), 'not-affected', 'not containerd'],
    ['document says every version', everyVersion, gke(cos('v1.24.6-gke.1500')), 'affected', 'every version is affected'],
    ['condition with an empty range list', emptyRanges, gke(cos('v1.24.6-gke.1500')), 'unknown', 'the document gives no GKE version range'],
    ['only a fixed version, cluster has it', onlyFixed, abm('1.14.2'), 'not-affected', 'has the fix (fixed in 1.14.1)'],
    ['only a fixed version, cluster before it', onlyFixed, abm('1.14.0'), 'unknown', 'only fixed ones; it is fixed in 1.14.1'],
    ['only a fixed version, another line', onlyFixed, abm('1.13.9'), 'unknown', 'only fixed ones'],
  ])('%s', (_why, issue, facts, verdict, reason) => {
    const result = checkApplicability(issue, facts);
    expect(result.verdict).toBe(verdict);
    expect(result.reasons.join(' | ')).toContain(reason);
  });

  test('a Windows-pool issue names the Windows pool and not the Linux one', () => {
    const result = checkApplicability(windowsDriveLetter, gke(cos('v1.24.6-gke.1500', 'containerd://1.5.0'), windows('containerd://1.6.2-gke.0')));
    expect(result.verdict).toBe('affected');
    expect(result.pools).toEqual(['win-pool']);
    expect(result.reasons).toEqual([expect.stringMatching(/^pool win-pool: /)]);
  });

  test('unknown pools are listed with the pools that are clear', () => {
    const result = checkApplicability(windowsDriveLetter, gke(cos('v1.24.6-gke.1500'), { ...windows('containerd://1.6.2'), containerRuntimeVersion: undefined }));
    expect(result.verdict).toBe('unknown');
    expect(result.reasons).toEqual(['pool win-pool: the node reports no container runtime (status.nodeInfo.containerRuntimeVersion is empty)', 'not affected: pool default-pool']);
  });
});
