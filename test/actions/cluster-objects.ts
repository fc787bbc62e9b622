/** Realistic objects for the fix-action tests: an Anthos bare-metal node pool with anetd, a Deployment, webhooks. */
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const node = (name: string, extra: Obj = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'baremetal.cluster.gke.io/node-pool': 'np-workers', 'kubernetes.io/hostname': name } },
  spec: { podCIDR: '192.168.1.0/24', ...extra },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
});

export const daemonSet = (namespace: string, name: string, uid: string): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace, uid },
  spec: { selector: { matchLabels: { 'k8s-app': name } }, template: { spec: { containers: [{ name, image: `gcr.io/anthos-baremetal-release/${name}:1.13.1` }] } } },
});

export const replicaSet = (namespace: string, name: string, uid: string, deploymentUid: string): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace, uid, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: name.replace(/-[a-z0-9]+$/, ''), uid: deploymentUid, controller: true }] },
  spec: {},
});

export const pod = (namespace: string, name: string, nodeName: string, owner?: { kind: string; name: string; uid: string }, labels: Record<string, string> = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace,
    labels,
    ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true }] } : {}),
  },
  spec: { nodeName, containers: [{ name: 'main', image: 'registry.example/app:1' }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
});

export const deployment = (namespace: string, name: string, containers: Obj[], annotations?: Record<string, string>): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, ...(annotations ? { annotations } : {}) },
  spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers } } },
});

export const validatingWebhook = (name: string): Obj => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingWebhookConfiguration',
  metadata: { name, labels: { 'app.kubernetes.io/name': 'policy-agent' } },
  webhooks: [
    {
      name: 'validate.policy.example.com',
      admissionReviewVersions: ['v1'],
      sideEffects: 'None',
      failurePolicy: 'Fail',
      clientConfig: { service: { namespace: 'policy', name: 'policy-webhook', path: '/validate' } },
      rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
    },
  ],
});

export const anthosCluster = (namespace: string, name: string, annotations?: Record<string, string>): Obj => ({
  apiVersion: 'baremetal.cluster.gke.io/v1',
  kind: 'Cluster',
  metadata: { name, namespace, ...(annotations ? { annotations } : {}) },
  spec: { anthosBareMetalVersion: '1.13.0', profile: 'default' },
});

export const healthCheck = (namespace: string, name: string): Obj => ({
  apiVersion: 'baremetal.cluster.gke.io/v1',
  kind: 'HealthCheck',
  metadata: { name, namespace },
  spec: { clusterName: namespace.replace(/^cluster-/, '') },
});

export const CUSTOM_PLURALS = {
  'baremetal.cluster.gke.io/v1/Cluster': 'clusters',
  'baremetal.cluster.gke.io/v1/HealthCheck': 'healthchecks',
  'baremetal.cluster.gke.io/v1/PreflightCheck': 'preflightchecks',
};
