import type { Product } from '../catalogue/types.js';

/**
 * Words that place a description on a product. A known issue of GKE's containerd nodes described in words
 * ("logs empty after a runtime restart") is only likely when the words also say where: GKE, containerd,
 * Windows nodes. Without them, a description that shares a few words with a symptom is more often another problem.
 */
const CONTEXT: Record<Product, RegExp> = {
  gke: /\b(gke|google kubernetes engine|gcloud|autopilot|cos|cos_containerd|ubuntu_containerd|containerd|dockershim|windows|nap|node auto-?provisioning|node ?pools?|dataplane|secret manager|artifact registry)\b|구글|윈도우|컨테이너디|도커심/i,
  containerd: /\b(containerd|cri|crictl|ctr|nerdctl|cos_containerd|dockershim|gke|kaniko|cadvisor|containerd-shim\S*)\b|컨테이너디/i,
  nks: /\b(nks|nhn|toast|nhn cloud)\b/i,
  'anthos-bare-metal': /\b(anthos|bare ?metal|baremetal|bmctl|anetd|ang-\S+|abm|gdc|anthos-cluster-operator|admin cluster|user cluster|vm runtime|kubevirt|networkgatewaygroup|bgp|flatip|keepalived|haproxy|metallb|edge profile|stackdriver|gke-metrics-agent|egressnatpolicy|egress nat|egresssourceip|vmruntime|bootstrap cluster|clusters\.baremetal\S*)\b|베어메탈|베어 메탈|관리자 클러스터|사용자 클러스터|안토스|VM 런타임|부트스트랩 클러스터|이그레스 NAT/i,
};

/**
 * Platforms none of the catalogue's products are. A text that names one of these (and none of an entry's
 * products) is about another platform: a GKE issue is not its answer even when the words are the same.
 */
const OTHER_PLATFORM =
  /\b(eks|aks|amazon eks|azure kubernetes|openshift|ocp|k3s|k3d|rke2?|rancher|microk8s|minikube|docker desktop|aws-cni|aws-node|amazon-vpc-cni|azure-cni|kubeadm cluster|kubeadm-based|on my mac|my macbook|my laptop)\b/i;

export function namesOtherPlatform(text: string): boolean {
  return OTHER_PLATFORM.test(text);
}

/** The products named outright (not through a component such as Windows nodes or containerd). */
const PRODUCT_NAME: Record<Product, RegExp> = {
  gke: /\b(gke|google kubernetes engine|autopilot)\b/i,
  containerd: /\bcontainerd\b/i,
  nks: /\b(nks|nhn)\b/i,
  'anthos-bare-metal': /\b(anthos|bmctl|abm|bare ?metal|baremetal)\b|베어메탈|베어 메탈|안토스/i,
};

export function productsNamedOutright(text: string): Set<Product> {
  return new Set((Object.keys(PRODUCT_NAME) as Product[]).filter((product) => PRODUCT_NAME[product].test(text)));
}

/** The products the text names (or names a component only that product has). */
export function productsNamedIn(text: string): Set<Product> {
  return new Set((Object.keys(CONTEXT) as Product[]).filter((product) => CONTEXT[product].test(text)));
}
