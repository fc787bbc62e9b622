/**
 * Kubernetes objects for the fix-action benchmarks and tests: the anetd DaemonSet and `count` nodes, each with
 * one Ready anetd pod the DaemonSet owns, so every run can restart a pod of its own.
 */
export function anetdFleet(count: number): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'anetd', namespace: 'kube-system', uid: 'ds-uid' }, spec: {} }];
  for (let i = 0; i < count; i++) {
    objects.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: `edge-node-${i}` }, spec: {} });
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `anetd-p${i}`, namespace: 'kube-system', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'anetd', uid: 'ds-uid', controller: true }] },
      spec: { nodeName: `edge-node-${i}` },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  return objects;
}
