import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  ServerConfiguration,
  VersionApi,
  createConfiguration,
  type Cluster,
  type Context,
  type User,
} from '@kubernetes/client-node';
import { createBoundedHttpLibrary } from './create-bounded-http-library.js';
import { describeParseError } from './describe-parse-error.js';

/** The name k8sfix gives the cluster it runs in, when it uses its service account. */
export const IN_CLUSTER_CONTEXT = 'in-cluster';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** 16 MiB: a node list page of 500 large nodes fits several times over; an endless answer is cut off early. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface KubeClientFactoryOptions {
  /** Kubeconfig paths separated like `KUBECONFIG` (':' on Unix). Default: `KUBECONFIG`, else `~/.kube/config`. */
  kubeconfig?: string;
  /** Add the in-cluster service account as context `in-cluster`. Default: when running in a pod. */
  inCluster?: boolean;
  /** Bytes one API answer may have before k8sfix closes the connection. Default: 16 MiB. */
  maxResponseBytes?: number;
}

/** Read-only API clients for one context; `abort()` destroys the connections of requests still running, mid-body too. */
export interface KubeClients {
  context: string;
  server: string;
  version: VersionApi;
  core: CoreV1Api;
  custom: CustomObjectsApi;
  abort(): void;
}

/**
 * The one place k8sfix builds Kubernetes clients: contexts merged from every kubeconfig file (the first file
 * that defines a name wins, as with kubectl) plus the in-cluster service account.
 */
export class KubeClientFactory {
  private readonly contexts = new Map<string, Context>();
  private readonly clusters = new Map<string, Cluster>();
  private readonly users = new Map<string, User>();
  private inCluster: KubeConfig | undefined;
  private current: string | undefined;
  private readonly maxResponseBytes: number;
  /** Kubeconfig files that could not be read, with what to do. */
  readonly loadErrors: { source: string; reason: string }[] = [];

  constructor(options: KubeClientFactoryOptions = {}) {
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    for (const file of kubeconfigFiles(options.kubeconfig)) this.loadFile(file);
    const inCluster = options.inCluster ?? (!!process.env.KUBERNETES_SERVICE_HOST && existsSync(SERVICE_ACCOUNT_TOKEN));
    if (inCluster) {
      try {
        const kc = new KubeConfig();
        kc.loadFromCluster();
        this.inCluster = kc;
        this.current ??= IN_CLUSTER_CONTEXT;
      } catch (error) {
        this.loadErrors.push({ source: IN_CLUSTER_CONTEXT, reason: `cannot use the service account: ${String(error)}` });
      }
    }
  }

  /** Every context name, kubeconfig order first, then `in-cluster`. */
  listContexts(): string[] {
    return [...this.contexts.keys(), ...(this.inCluster ? [IN_CLUSTER_CONTEXT] : [])];
  }

  /** The kubeconfig's current-context (of the first file that sets one), else `in-cluster` when there. */
  currentContext(): string | undefined {
    return this.current;
  }

  /** The API server URL of a context, or undefined when it has none. */
  serverOf(context: string): string | undefined {
    if (context === IN_CLUSTER_CONTEXT && this.inCluster) return this.inCluster.getCurrentCluster()?.server;
    const ctx = this.contexts.get(context);
    return ctx ? this.clusters.get(ctx.cluster)?.server : undefined;
  }

  /** Clients for a context; throws an Error that says what is missing from the kubeconfig. */
  clientsFor(context: string): KubeClients {
    const kc = this.kubeConfigFor(context);
    const cluster = kc.getCurrentCluster()!;
    const controller = new AbortController();
    const configuration = createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: { default: kc },
      httpApi: createBoundedHttpLibrary({ context, maxResponseBytes: this.maxResponseBytes, signal: controller.signal }),
    });
    return {
      context,
      server: cluster.server,
      version: new VersionApi(configuration),
      core: new CoreV1Api(configuration),
      custom: new CustomObjectsApi(configuration),
      abort: () => controller.abort(),
    };
  }

  /** The merged kubeconfig of one context and the response cap, for the read-write action clients (src/actions/). */
  kubeConfigOf(context: string): { kubeConfig: KubeConfig; maxResponseBytes: number } {
    return { kubeConfig: this.kubeConfigFor(context), maxResponseBytes: this.maxResponseBytes };
  }

  private kubeConfigFor(context: string): KubeConfig {
    if (context === IN_CLUSTER_CONTEXT && this.inCluster) return this.inCluster;
    const ctx = this.contexts.get(context);
    if (!ctx) throw new Error(`no context named "${context}" in the kubeconfig: run kubectl config get-contexts to see the names`);
    const cluster = this.clusters.get(ctx.cluster);
    if (!cluster) throw new Error(`context "${context}" names cluster "${ctx.cluster}", which no kubeconfig file defines: fix the kubeconfig`);
    const user = ctx.user ? this.users.get(ctx.user) : undefined;
    if (ctx.user && !user) throw new Error(`context "${context}" names user "${ctx.user}", which no kubeconfig file defines: fix the kubeconfig`);
    const kc = new KubeConfig();
    kc.loadFromOptions({ clusters: [cluster], users: user ? [user] : [], contexts: [ctx], currentContext: context });
    return kc;
  }

  private loadFile(file: string): void {
    try {
      const kc = new KubeConfig();
      kc.loadFromFile(file);
      for (const ctx of kc.getContexts()) if (!this.contexts.has(ctx.name)) this.contexts.set(ctx.name, ctx);
      for (const cluster of kc.getClusters()) if (!this.clusters.has(cluster.name)) this.clusters.set(cluster.name, cluster);
      for (const user of kc.getUsers()) if (!this.users.has(user.name)) this.users.set(user.name, user);
      if (!this.current && kc.getCurrentContext()) this.current = kc.getCurrentContext();
    } catch (error) {
      // A YAML error's message carries a snippet of the file, which may hold a token: only its message and position go on.
      const why = describeParseError(error) ?? firstLine(error);
      this.loadErrors.push({ source: file, reason: `cannot read kubeconfig ${file}: ${why}: fix the file or remove it from KUBECONFIG` });
    }
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** Existing kubeconfig files from a path list; kubectl also skips list entries that do not exist. */
function kubeconfigFiles(list: string | undefined): string[] {
  const paths = list ?? process.env.KUBECONFIG;
  if (paths) return [...new Set(paths.split(delimiter).filter((p) => p && existsSync(p)))];
  const fallback = join(homedir(), '.kube', 'config');
  return existsSync(fallback) ? [fallback] : [];
}
