import type { Component, Product } from '../catalogue/types.js';
import { productsNamedIn } from './product-context.js';

/**
 * What a paste shows about where its error came from: the container runtime, the platform, the components
 * named, and any program other than a Kubernetes node that printed it. The same error text printed by
 * something else, for another reason, is the commonest false match; these are the facts that tell it apart.
 * Every pattern here names a class (container engines, Kubernetes distributions, client programs), never one case.
 */
export interface PasteContext {
  /** Runtimes the paste shows evidence of (a node's words, not a mention), each with the words that showed it. */
  runtimes: Map<'containerd' | 'docker' | 'cri-o', string>;
  /** True when the paste mentions containerd at all, even only as a name ("we moved to containerd"). */
  mentionsContainerd: boolean;
  /** A container engine that is not a Kubernetes node runtime (podman, singularity...), as named. */
  engine?: string;
  /** Catalogue products named outright (GKE, Anthos, NKS, containerd), or through node names such as gke-... */
  products: Set<Product>;
  /** Another Kubernetes platform or distribution the paste names (EKS, kind, kops, a kubeadm cluster...). */
  otherPlatform?: string;
  /** Components named in the paste. */
  components: Set<Component>;
  /** A client program the user ran that printed the error (helm, a maven build, the docker CLI...), as named. */
  clientTool?: string;
  /** Components a client tool stands for (ctr and nerdctl are containerd's own clients). */
  clientComponent?: Component;
  /** True when the paste shows the node side: kubelet events or logs, the runtime's own journal. */
  nodeSide: boolean;
  /** Products the paste places itself on in a looser sense: their components and vocabulary (admin cluster, crictl...). */
  placed: Set<Product>;
  /** True when the paste is more than an error line: it says something of its setting (several lines, or prose). */
  substantial: boolean;
  /** Words of the person's own sentences (log records, tables and error output left out). */
  proseWords: number;
}

/** containerd as a word, and inside GKE's image names (`cos_containerd`, `ubuntu_containerd`), where `\b` misses it. */
const CONTAINERD_WORD = /(?:\b|_)containerd\b/i;

/** Words that show which runtime ran the pod. Dockershim's kubelet says "NetworkPlugin cni" and "docker:". */
const RUNTIME_EVIDENCE: { runtime: 'containerd' | 'docker' | 'cri-o'; pattern: RegExp }[] = [
  { runtime: 'docker', pattern: /\/etc\/docker\/daemon\.json|\binsecure-registries\b|\bnetworkplugin cni\b|\bdockershim\b|message:docker: |\berror response from daemon\b|\bdocker:\/\/|\bdockerd\b|\bdocker_manager\.go|\bdocker id [0-9a-f]{6,}|\/var\/lib\/docker\b|\bdocker-containerd\b|failed to register layer|\bdocker (?:exec|daemon)\b/i },
  { runtime: 'containerd', pattern: /\bcri-containerd\b|containerd-shim-runc|\bcrictl\b|\bnerdctl\b|\bctr (?:-n|-a|i|image|images|run|task|tasks|c|containers?)\b|failed to pull and unpack image|failed to setup network for sandbox|\bk3s\b|\bk3d\b|\brke2\b|\bmicrok8s\b|\bkind-(?:control-plane|worker)\b/i },
  { runtime: 'cri-o', pattern: /\bcri-o\b|\bcrio\[|\bconmon\b/i },
];

/**
 * Container engines that are not the runtime of a Kubernetes node: an error they print is their own. LXC counts
 * only as a word of its own (`lxc launch`, `lxc-start`, "an LXC container"): Cilium names its pod interfaces
 * lxc… and a sysctl glob `lxc*` is about those.
 */
const ENGINE = /\b(podman|libpod|buildah|singularity|apptainer|lxd|lxc(?=[\s-])|garden-linux|rkt|firecracker-containerd)\b/i;

/**
 * Kubernetes platforms and distributions that are none of the catalogue's products, and the names their nodes
 * get (EC2 host names, AKS scale sets). kind, kops and a hand-run kubeadm are self-managed clusters.
 */
const OTHER_PLATFORMS: { name: string; pattern: RegExp }[] = [
  { name: 'EKS', pattern: /\b(eks|amazon eks|aws-cni|aws-node|amazon-vpc-cni|eksctl)\b/i },
  { name: 'AKS', pattern: /\b(aks|azure kubernetes|azure-cni|aks-engine|acs-engine)\b|\baks-[a-z0-9]+-\d+-vmss/i },
  { name: 'OpenShift', pattern: /\b(openshift|ocp|okd)\b/i },
  { name: 'k3s', pattern: /\b(k3s|k3d)\b/i },
  { name: 'RKE', pattern: /\b(rke2?|rancher|rancher desktop)\b/i },
  { name: 'microk8s', pattern: /\bmicrok8s\b/i },
  { name: 'minikube', pattern: /\bminikube\b/i },
  { name: 'kind', pattern: /\bkind-(?:control-plane|worker\d*)\b|\bkind (?:create|load|delete) cluster\b|\bkindest\/node\b|\/kind\/kubeadm\.conf/i },
  { name: 'kops', pattern: /\bkops\b/i },
  { name: 'AWS', pattern: /\bASG\b|\bauto ?scaling group\b|\bip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}\.(?:[a-z0-9-]+\.)*(?:compute|ec2)\.internal\b/i },
  { name: 'a kubeadm cluster', pattern: /\bkubeadm[- ](?:cluster|based)\b|(?:^|[\s`$#])(?:sudo\s+(?:-E\s+)?)kubeadm\s+(?:init|join|reset)\b|(?:^|\n)[ \t]*(?:\[[^\]\n]*\][ \t]*)?[$#][ \t]*kubeadm[ \t]+(?:init|join|reset)\b|`kubeadm\s+(?:init|join|reset)\b/i },
  { name: 'Docker Desktop', pattern: /\bdocker desktop\b|\bdocker for (?:mac|windows)\b/i },
  { name: 'Talos', pattern: /\btalos\b/i },
  { name: 'k0s', pattern: /\bk0s\b/i },
  { name: 'DigitalOcean', pattern: /\b(doks|digitalocean)\b/i },
  { name: 'a laptop', pattern: /\b(on my mac|my macbook|my laptop)\b/i },
];

const PRODUCT_NAMES: Record<Product, RegExp> = {
  gke: /\b(gke|google kubernetes engine|autopilot)\b|\bgke-[a-z0-9]+-[a-z0-9-]+/i,
  containerd: CONTAINERD_WORD,
  nks: /\b(nks|nhn)\b/i,
  'anthos-bare-metal': /\b(anthos|bmctl|abm|bare ?metal|baremetal)\b|베어메탈|베어 메탈|안토스/i,
};

const COMPONENT_NAMES: Record<Component, RegExp> = {
  kubelet: /\bkubelet\b/i,
  containerd: CONTAINERD_WORD,
  runc: /\brunc\b/i,
  cni: /\bcni\b/i,
  kernel: /\bkernel\b|\b\d+\.\d+\.\d+-\d+(?:\.\d+)*(?:-generic|\.el\d|-gke)/i,
  kubeadm: /\bkubeadm\b/i,
  crictl: /\bcrictl\b/i,
  cadvisor: /\bcadvisor\b/i,
  hcsshim: /\bhcsshim\b|\bhcs::|\bCreateComputeSystem\b|\bwindows\b/i,
  kaniko: /\bkaniko\b/i,
  docker: /\bdocker\b/i,
  cilium: /\bcilium\b/i,
  anetd: /\banetd\b/i,
  netd: /\bnetd\b/i,
  bmctl: /\bbmctl\b/i,
  'anthos-cluster-operator': /\banthos-cluster-operator\b/i,
  'stackdriver-log-forwarder': /\bstackdriver-log-forwarder\b/i,
  'fluent-bit': /\bfluent-?bit\b|\btd-agent-bit\b/i,
  'metrics-server': /\bmetrics-server\b/i,
  'gke-metrics-agent': /\bgke-metrics-agent\b/i,
  'network-gateway': /\bang-(?:node|daemon)\b|\bANGd\b|\bnetworkgatewaygroup\b/i,
  'vm-runtime': /\bvm ?runtime\b|\bkubevirt\b|\bvirt-launcher\b/i,
  firewalld: /\bfirewalld\b|\bfirewall-cmd\b/i,
  selinux: /\bselinux\b|\bavc:\s+denied\b/i,
  libseccomp: /\blibseccomp\b|\bseccomp_\w+/i,
  'cert-manager': /\bcert-manager\b/i,
  'kube-proxy': /\bkube-proxy\b/i,
  systemd: /\bsystemd\b|\bsystemctl\b/i,
  sudo: /\bsudo\b/i,
};

/**
 * Client programs that print errors of their own: a chart install, a build tool, the docker CLI, curl. When one
 * of them printed a node error's words and nothing of the node is in the paste, the node issue is not the answer.
 */
const CLIENT_TOOLS: { name: string; pattern: RegExp; component?: Component }[] = [
  { name: 'helm', pattern: /\bhelm\s+(?:install|upgrade|pull|template|repo|push)\b|\b(?:INSTALLATION|UPGRADE) FAILED\b/ },
  { name: 'a Maven build', pattern: /\bFailed to execute goal\b|\bdockerfile-maven-plugin\b/ },
  { name: 'curl', pattern: /\bcurl: \(\d+\)/ },
  { name: 'kubectl', pattern: /\bUnable to connect to the server\b/ },
];

/**
 * A command typed at a shell prompt (`$ tool ...`, `# tool ...`, `PS C:\> tool ...`) names the program that
 * printed what follows. Programs that only show what others printed (kubectl describe, journalctl, cat) and the
 * node's own tools do not count as printers.
 */
const PROMPT_COMMAND = /(?:^|\n)[ \t]*(?:(?:\[[^\]\n]*\]|[\w.@~:/-]+)[ \t]*[$#]|\$|PS [^>\n]*>)[ \t]+(?:sudo[ \t]+(?:-E[ \t]+)?)?([a-z][\w.-]*)(?=[ \t]|$)/gim;
const VIEWERS = new Set([
  'kubectl', 'oc', 'journalctl', 'systemctl', 'cat', 'tail', 'head', 'less', 'more', 'grep', 'ls', 'll', 'dmesg', 'ssh',
  'gcloud', 'echo', 'stat', 'df', 'du', 'mount', 'ip', 'iptables', 'nft', 'cd', 'export', 'watch', 'sudo', 'wget', 'tar',
  'find', 'ps', 'top', 'free', 'uname', 'rpm', 'dpkg', 'apt', 'apt-get', 'yum', 'dnf', 'chmod', 'chown', 'mkdir', 'rm',
  'cp', 'mv', 'vi', 'vim', 'nano', 'sh', 'bash', 'env', 'which', 'whoami', 'id', 'conntrack', 'ethtool', 'sysctl',
  'getenforce', 'ausearch', 'crictl', 'ctr', 'nerdctl', 'runc', 'containerd', 'kubelet', 'kubeadm', 'bmctl',
  'curl', 'helm', 'firewall-cmd', 'mke2fs', 'cilium', 'stackdriver', 'k3s', 'kind', 'minikube', 'microk8s', 'kops',
  'podman', 'singularity', 'apptainer', 'git', 'make', 'go', 'npm', 'python', 'python3', 'pip', 'for', 'while', 'set',
  'pgrep', 'pkill', 'wc', 'awk', 'sed', 'sort', 'uniq', 'xargs', 'cut', 'tr', 'lsof', 'netstat', 'ss', 'nslookup', 'dig',
  'ping', 'traceroute', 'tcpdump', 'openssl', 'time', 'strace', 'file', 'readlink', 'lsblk', 'blkid', 'findmnt', 'getent',
  'hostname', 'date', 'uptime', 'service', 'modprobe', 'lsmod', 'ulimit', 'touch', 'ln', 'printf', 'bpftool', 'tc',
  'nsenter', 'chroot', 'umount', 'virtctl', 'k', 'kubens', 'kubectx', 'kustomize', 'jq', 'yq', 'base64', 'nc', 'telnet',
]);
/** Node-side tools that name a component when run at a prompt. */
const NODE_TOOLS: Record<string, Component> = { ctr: 'containerd', nerdctl: 'containerd', crictl: 'crictl', runc: 'runc', containerd: 'containerd' };
/** Tools that stand for a component when they print: the docker CLI is Docker Engine's client. */
const TOOL_COMPONENTS: Record<string, Component> = { docker: 'docker' };

/** The node side: kubelet's words and events, or the runtime's own journal. */
const NODE_SIDE = /\bkubelet\b|(?:^|\n)[ \t]*Events:|\bFailed to pull image\b|\bFailedCreatePodSandBox\b|\bBack-off pulling image\b|\bErrImagePull\b|\bImagePullBackOff\b|\bFailedCreatePodContainer\b|\bFailedMount\b|\bcontainerd\[\d+\]|\bRunPodSandbox\b|\bfailed to (?:create|start) containerd task\b/i;

/** A paste with this many words of sentences around its error says where it comes from; a log alone does not. */
const SUBSTANTIAL_PROSE_WORDS = 20;
const WORD = /[A-Za-z]{2,}|[\uac00-\ud7a3]{2,}/g;
/** A log line: a timestamp, a level or a prompt at its start, or a key=value structure. */
const LOG_LINE = /^[ \t]*(?:[\[{(]|[IWEF]\d{4}\b|\d{4}-\d\d-\d\d|[A-Z][a-z]{2} +\d{1,2} |\$ |# |\+ |time=|level=|[A-Za-z]+[ \t]*:[ \t]*$)|\w=["\w]/;

/** A row of a table or an event list (`Normal  Pulled  3m  kubelet  ...`): columns apart by runs of spaces. */
const TABLE_ROW = /\S {3,}\S|^[ \t]*(?:Normal|Warning)[ \t]/;

/** Words in the paste's sentences: lines mostly made of words that are not log output. */
function proseWords(text: string): number {
  let count = 0;
  for (const line of text.split('\n')) {
    // Error output ("df: cannot read table: No such file or directory") reads like words but is not a sentence.
    if (line.length > 2_000 || LOG_LINE.test(line) || TABLE_ROW.test(line) || (line.match(/: /g) ?? []).length >= 2) continue;
    const words = line.match(WORD) ?? [];
    if (words.length >= 5 && words.join('').length >= line.trim().length * 0.5) count += words.length;
  }
  return count;
}

export function readPasteContext(text: string): PasteContext {
  const runtimes = new Map<'containerd' | 'docker' | 'cri-o', string>();
  for (const { runtime, pattern } of RUNTIME_EVIDENCE) {
    const found = pattern.exec(text);
    if (found && !runtimes.has(runtime)) runtimes.set(runtime, found[0].trim());
  }
  const products = new Set((Object.keys(PRODUCT_NAMES) as Product[]).filter((product) => PRODUCT_NAMES[product].test(text)));
  const components = new Set((Object.keys(COMPONENT_NAMES) as Component[]).filter((component) => COMPONENT_NAMES[component].test(text)));
  const other = OTHER_PLATFORMS.find(({ pattern }) => pattern.test(text));
  const engine = ENGINE.exec(text)?.[1];
  let clientTool: string | undefined;
  let clientComponent: Component | undefined;
  const tool = CLIENT_TOOLS.find(({ pattern }) => pattern.test(text));
  if (tool) {
    clientTool = tool.name;
    clientComponent = tool.component;
  } else {
    for (const found of text.matchAll(PROMPT_COMMAND)) {
      const command = found[1]!.toLowerCase();
      const nodeTool = NODE_TOOLS[command];
      if (nodeTool) components.add(nodeTool);
      if (!VIEWERS.has(command)) {
        clientTool = command === 'docker' ? 'the docker CLI' : command;
        clientComponent = TOOL_COMPONENTS[command];
        break;
      }
    }
  }
  const prose = proseWords(text);
  return {
    runtimes,
    mentionsContainerd: CONTAINERD_WORD.test(text),
    engine: engine?.toLowerCase(),
    products,
    otherPlatform: other?.name,
    components,
    clientTool,
    clientComponent,
    nodeSide: NODE_SIDE.test(text),
    placed: productsNamedIn(text),
    substantial: prose >= SUBSTANTIAL_PROSE_WORDS,
    proseWords: prose,
  };
}
