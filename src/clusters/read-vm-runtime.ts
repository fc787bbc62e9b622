import { httpStatus } from './classify-cluster-error.js';
import type { KubeClients } from './kube-client-factory.js';

/**
 * The VMRuntime custom resource: group `vm.cluster.gke.io`, version `v1`, kind `VMRuntime`, one object named
 * `vmruntime` whose `spec.enabled: true` turns VM Runtime on. Confirmed in the public "Enable or disable VM
 * Runtime on Google Distributed Cloud" pages (bare-metal 1.12 to 1.16, vm-runtime/enable-disable and
 * vm-runtime/quickstart: `apiVersion: vm.cluster.gke.io/v1`, `kind: VMRuntime`, `metadata: name: vmruntime`,
 * `spec: enabled: true`; "installed by default ... disabled by default"). It is listed rather than read by
 * name, which works whether the type is cluster-scoped or namespaced.
 */
export const VM_RUNTIME = { group: 'vm.cluster.gke.io', version: 'v1', plural: 'vmruntimes' } as const;

/**
 * Whether VM Runtime is enabled: true or false when the list answered (a 404, no such type, is false: VM Runtime
 * cannot run), undefined when it could not be read (403 or any other failure). Never throws.
 */
export async function readVmRuntime(clients: KubeClients): Promise<boolean | undefined> {
  try {
    const list = (await clients.custom.listClusterCustomObject({ ...VM_RUNTIME })) as { items?: unknown[] };
    return (list.items ?? []).some((item) => (item as { spec?: { enabled?: unknown } } | null)?.spec?.enabled === true);
  } catch (error) {
    return httpStatus(error) === 404 ? false : undefined;
  }
}
