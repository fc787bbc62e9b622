import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { Requirement } from '../support/requirement.js';

const run = promisify(execFile);

/** One rendered Kubernetes object, as plain data. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** kubectl 1.22 embeds kustomize v4.2: the first with both components and the `labels` field deploy/ uses. */
const MIN_KUBECTL_MINOR = 22;
const MIN_KUSTOMIZE_MAJOR = 4;

/** Whether this machine has a kubectl whose `kubectl kustomize` can render deploy/, and if not, why not. */
export async function findKubectl(): Promise<Requirement> {
  let stdout: string;
  try {
    ({ stdout } = await run('kubectl', ['version', '--client', '-o', 'json'], { timeout: 30_000 }));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      met: false,
      reason: missing
        ? 'kubectl not found on PATH (install kubectl 1.22 or later; .ci/run installs it)'
        : `kubectl version --client failed: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  const version = JSON.parse(stdout) as { clientVersion?: { gitVersion?: string; minor?: string }; kustomizeVersion?: string };
  const gitVersion = version.clientVersion?.gitVersion ?? 'unknown';
  const minor = Number.parseInt(version.clientVersion?.minor ?? '0', 10);
  const kustomizeMajor = version.kustomizeVersion ? Number.parseInt(version.kustomizeVersion.replace(/^v/, ''), 10) : undefined;
  const tooOld = kustomizeMajor !== undefined ? kustomizeMajor < MIN_KUSTOMIZE_MAJOR : minor < MIN_KUBECTL_MINOR;
  if (tooOld) {
    return {
      met: false,
      reason: `kubectl ${gitVersion} embeds kustomize ${version.kustomizeVersion ?? 'v2/v3'}, which cannot render deploy/ (install kubectl 1.22 or later)`,
    };
  }
  return { met: true };
}

/** `kubectl kustomize DIR` (no shell), parsed into objects; a render error or a YAML error throws with its text. */
export async function renderKustomize(dir: string): Promise<KubeObject[]> {
  const { stdout } = await run('kubectl', ['kustomize', dir], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(stdout)) {
    if (doc.errors.length > 0) throw new Error(`kubectl kustomize ${dir}: ${doc.errors[0]!.message}`);
    const value = doc.toJS() as KubeObject | null;
    if (value) objects.push(value);
  }
  return objects;
}
