import type { ActionClients, JsonPatchOp } from './types.js';
import { DRY_RUN, JSON_PATCH } from './kube-objects.js';

/** The namespaced kinds actions read and patch, with the API group RBAC needs. */
export const PATCHABLE_KINDS = ['deployment', 'daemonset', 'statefulset', 'pod', 'service'] as const;
export type PatchableKind = (typeof PATCHABLE_KINDS)[number];
export const WORKLOAD_KINDS = ['deployment', 'daemonset', 'statefulset'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export const KIND_INFO: Record<PatchableKind, { apiVersion: string; kind: string }> = {
  deployment: { apiVersion: 'apps/v1', kind: 'Deployment' },
  daemonset: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  statefulset: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  pod: { apiVersion: 'v1', kind: 'Pod' },
  service: { apiVersion: 'v1', kind: 'Service' },
};

// Plain objects: actions read fields by path and compare them, and the typed models add nothing there.
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** GET one object of a patchable kind. */
export async function readObject(clients: ActionClients, kind: PatchableKind, namespace: string, name: string): Promise<Obj> {
  switch (kind) {
    case 'deployment':
      return (await clients.apps.readNamespacedDeployment({ name, namespace })) as Obj;
    case 'daemonset':
      return (await clients.apps.readNamespacedDaemonSet({ name, namespace })) as Obj;
    case 'statefulset':
      return (await clients.apps.readNamespacedStatefulSet({ name, namespace })) as Obj;
    case 'pod':
      return (await clients.core.readNamespacedPod({ name, namespace })) as Obj;
    case 'service':
      return (await clients.core.readNamespacedService({ name, namespace })) as Obj;
  }
}

/** PATCH (JSON Patch) one object; `dryRun` asks the server what it would do. */
export async function patchObject(
  clients: ActionClients,
  kind: PatchableKind,
  namespace: string,
  name: string,
  body: JsonPatchOp[],
  dryRun: boolean,
): Promise<Obj> {
  const request = { name, namespace, body, ...(dryRun ? { dryRun: DRY_RUN } : {}) };
  switch (kind) {
    case 'deployment':
      return (await clients.apps.patchNamespacedDeployment(request, JSON_PATCH)) as Obj;
    case 'daemonset':
      return (await clients.apps.patchNamespacedDaemonSet(request, JSON_PATCH)) as Obj;
    case 'statefulset':
      return (await clients.apps.patchNamespacedStatefulSet(request, JSON_PATCH)) as Obj;
    case 'pod':
      return (await clients.core.patchNamespacedPod(request, JSON_PATCH)) as Obj;
    case 'service':
      return (await clients.core.patchNamespacedService(request, JSON_PATCH)) as Obj;
  }
}
