import {
  AdmissionregistrationV1Api,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  ServerConfiguration,
  createConfiguration,
  type RequestContext,
  type SecurityAuthentication,
} from '@kubernetes/client-node';
import { createBoundedHttpLibrary } from '../clusters/create-bounded-http-library.js';
import type { KubeClientFactory } from '../clusters/kube-client-factory.js';
import type { ActionClients } from './types.js';

/** A Kubernetes identity to act as, so the cluster's RBAC decides and its audit log names the person. */
export interface Impersonation {
  user: string;
  /** Sent as one Impersonate-Group header (the bounded HTTP layer carries one value per header). */
  group?: string;
}

/**
 * Read-write clients for one context, through the same kubeconfig merge and bounded HTTP layer as the read-only
 * ones. With `impersonate`, every request carries Impersonate-User (and -Group): the credentials need the
 * `impersonate` verb, and the person's own RBAC decides the rest.
 */
export function createActionClients(factory: KubeClientFactory, context: string, impersonate?: Impersonation): ActionClients {
  const { kubeConfig, maxResponseBytes } = factory.kubeConfigOf(context);
  const cluster = kubeConfig.getCurrentCluster()!;
  const controller = new AbortController();
  const auth: SecurityAuthentication = impersonate
    ? {
        getName: () => 'impersonating kubeconfig',
        applySecurityAuthentication: async (request: RequestContext) => {
          await kubeConfig.applySecurityAuthentication(request);
          request.setHeaderParam('Impersonate-User', impersonate.user);
          if (impersonate.group) request.setHeaderParam('Impersonate-Group', impersonate.group);
        },
      }
    : kubeConfig;
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: auth },
    httpApi: createBoundedHttpLibrary({ context, maxResponseBytes, signal: controller.signal }),
  });
  return {
    context,
    core: new CoreV1Api(configuration),
    apps: new AppsV1Api(configuration),
    admission: new AdmissionregistrationV1Api(configuration),
    custom: new CustomObjectsApi(configuration),
    abort: () => controller.abort(),
  };
}
