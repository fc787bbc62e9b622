import { WORKLOAD_KINDS } from './object-api.js';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, oneOf } from './param-patterns.js';
import type { ParamSpec } from './types.js';

/** The parameters that name one container of a Deployment, DaemonSet or StatefulSet, for actions that patch it. */
export const WORKLOAD_CONTAINER_PARAMS: readonly ParamSpec[] = [
  { name: 'namespace', pattern: DNS1123_LABEL, description: { en: 'namespace of the workload', ko: '워크로드의 네임스페이스' } },
  { name: 'kind', pattern: oneOf(WORKLOAD_KINDS), choices: WORKLOAD_KINDS, description: { en: 'deployment, daemonset or statefulset', ko: 'deployment, daemonset 또는 statefulset' } },
  { name: 'name', pattern: DNS1123_SUBDOMAIN, description: { en: 'name of the workload', ko: '워크로드 이름' } },
  { name: 'container', pattern: DNS1123_LABEL, description: { en: 'container name', ko: '컨테이너 이름' } },
];
