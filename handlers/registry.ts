import type { Action } from '../src/actions/types.js';
import { allowDockerRuntimeAnnotation } from './allow-docker-runtime-annotation.js';
import { cordonNode } from './cordon-node.js';
import { deleteAnthosCheckResources } from './delete-anthos-check-resources.js';
import { deleteWebhookConfiguration } from './delete-webhook-configuration.js';
import { drainNode } from './drain-node.js';
import { moveImageToGhcr } from './move-image-to-ghcr.js';
import { patchExecProbeTimeout } from './patch-exec-probe-timeout.js';
import { removeAnnotation } from './remove-annotation.js';
import { restartControllerPod } from './restart-controller-pod.js';
import { runNodeCommand } from './run-node-command.js';
import { uncordonNode } from './uncordon-node.js';

/** Every fix action k8sfix can run, listed by hand so the compiler (and a reader) sees each one. */
export const ACTIONS: readonly Action[] = [
  restartControllerPod,
  deleteWebhookConfiguration,
  cordonNode,
  uncordonNode,
  drainNode,
  patchExecProbeTimeout,
  removeAnnotation,
  allowDockerRuntimeAnnotation,
  moveImageToGhcr,
  deleteAnthosCheckResources,
  runNodeCommand,
];

export const ACTIONS_BY_ID: ReadonlyMap<string, Action> = new Map(ACTIONS.map((action) => [action.id, action]));

/** The action with this id, or undefined. */
export function findAction(id: string): Action | undefined {
  return ACTIONS_BY_ID.get(id);
}
