import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { hashPreview } from './hash-preview.js';
import type { Plan, Preview, Target } from './types.js';

/** Every patch an action sends is a JSON Patch, so `test` ops can pin the resourceVersion. */
export const JSON_PATCH = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

/** The dry-run mode the API server understands: answer as if done, persist nothing. */
export const DRY_RUN = 'All';

export interface KubeObjectLike {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string } | undefined;
}

/** The object as a plan target: what execute's preconditions pin. */
export function targetOf(object: KubeObjectLike, apiVersion: string, kind: string): Target {
  const metadata = object.metadata ?? {};
  return {
    apiVersion,
    kind,
    ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
    resourceVersion: metadata.resourceVersion ?? '',
  };
}

export function describeTarget(target: Target): string {
  return `${target.kind} ${target.namespace ? `${target.namespace}/` : ''}${target.name}`;
}

/** Deletes and updates carry both, so a replaced object (new uid) or a changed one (new resourceVersion) is refused. */
export function preconditionsOf(target: Target): { uid: string; resourceVersion: string } {
  return { uid: target.uid, resourceVersion: target.resourceVersion };
}

/** JSON-patch ops that make the server refuse the patch when the object is not the one planned. */
export function testOpsFor(target: Target): { op: 'test'; path: string; value: string }[] {
  return [
    { op: 'test', path: '/metadata/uid', value: target.uid },
    { op: 'test', path: '/metadata/resourceVersion', value: target.resourceVersion },
  ];
}

/** RFC 6901: `~` and `/` in a key become `~0` and `~1`. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The server's dry-run answer without what changes on every call (timestamps of a pretend deletion, managed
 * fields, the resourceVersion and uid, which the targets already pin, and a pretend creation's uid and time), so a fresh dry run of the same change hashes equal.
 */
export function serverAnswer(object: unknown): unknown {
  if (object === null || typeof object !== 'object') return object ?? null;
  const copy = JSON.parse(JSON.stringify(object)) as { metadata?: Record<string, unknown>; status?: unknown };
  if (copy.metadata) {
    for (const field of ['deletionTimestamp', 'managedFields', 'resourceVersion', 'generation', 'selfLink', 'uid', 'creationTimestamp']) delete copy.metadata[field];
  }
  return copy;
}

export function makePlan(preview: Preview, snapshot?: unknown): Plan {
  return { preview, hash: hashPreview(preview), ...(snapshot !== undefined ? { snapshot } : {}) };
}
