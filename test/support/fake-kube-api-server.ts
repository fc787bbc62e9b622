/**
 * An in-process Kubernetes API server over HTTPS, enough for k8sfix's read-only fact collection: `/version`,
 * `GET /api/v1/nodes` (with limit/continue paging) and `GET /apis/baremetal.cluster.gke.io/v1/clusters`
 * (404 when the cluster has no such resource type), `GET /apis/vm.cluster.gke.io/v1/vmruntimes` (likewise).
 * Every request must carry the cluster's bearer token.
 * It can also misbehave the ways a broken server or proxy does: hang, refuse, send a node list that never ends
 * (fast or a byte at a time), or page a list forever with new or repeated continue tokens.
 * Certificates are made at run time with openssl into a temp dir; no private key is committed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createGzip, gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import type { FakeResources } from './fake-kube-resources.js';

const run = promisify(execFile);

export interface TestCertificates {
  dir: string;
  /** PEM of the CA that signed `serverCert`; goes into the kubeconfig. */
  caCert: string;
  serverKey: string;
  serverCert: string;
  /** A self-signed certificate no kubeconfig trusts: the "bad certificate" cluster. */
  rogueKey: string;
  rogueCert: string;
}

/** A CA, a server certificate for 127.0.0.1 signed by it, and an untrusted self-signed one. */
export async function createTestCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'k8sfix-certs-'));
  const at = (name: string) => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', ['req', '-x509', ...ec, '-keyout', at('ca.key'), '-out', at('ca.crt'), '-days', '1', '-subj', '/CN=k8sfix-test-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  await run('openssl', ['req', '-new', ...ec, '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', '/CN=kube-apiserver']);
  await writeFile(at('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n');
  await run('openssl', ['x509', '-req', '-in', at('server.csr'), '-CA', at('ca.crt'), '-CAkey', at('ca.key'), '-CAcreateserial',
    '-out', at('server.crt'), '-days', '1', '-extfile', at('server.ext')]);
  await run('openssl', ['req', '-x509', ...ec, '-keyout', at('rogue.key'), '-out', at('rogue.crt'), '-days', '1', '-subj', '/CN=rogue-apiserver',
    '-addext', 'subjectAltName=IP:127.0.0.1']);
  const read = (name: string) => readFile(at(name), 'utf8');
  return {
    dir,
    caCert: await read('ca.crt'),
    serverKey: await read('server.key'),
    serverCert: await read('server.crt'),
    rogueKey: await read('rogue.key'),
    rogueCert: await read('rogue.crt'),
  };
}

/** What one fake cluster serves. */
export interface FakeClusterSpec {
  /** The bearer token the server accepts. */
  token: string;
  /** The `/version` body. */
  version?: Record<string, string>;
  /** Node objects as the API returns them. */
  nodes?: unknown[];
  /** Items of clusters.baremetal.cluster.gke.io; undefined: the resource type does not exist (404). */
  bareMetalClusters?: unknown[];
  /** Items of vmruntimes.vm.cluster.gke.io (VM Runtime); undefined: the resource type does not exist (404). */
  vmRuntimes?: unknown[];
  /** Paths answered 403, as when the read-only ClusterRole lacks that resource. */
  forbiddenPaths?: string[];
  /**
   * `hang`: accept and never answer; `forbid-nodes`: 403 on the node list, as with missing RBAC;
   * `endless-nodes`: a node list body that never ends, written as fast as the client reads it;
   * `drip-nodes`: a node list body that never ends, one byte every 20 ms;
   * `endless-continue`: every node page carries a new continue token; `repeat-continue`: always the same one.
   */
  behaviour?: 'ok' | 'hang' | 'forbid-nodes' | 'endless-nodes' | 'drip-nodes' | 'endless-continue' | 'repeat-continue';
  /** Answer the node list with `302 Found` to this URL, as a misconfigured proxy or a hostile server might. */
  redirectNodesTo?: string;
  /** Gzip every body when the client accepts it, as API servers do for large answers. */
  gzip?: boolean;
  /** Serve the untrusted self-signed certificate. */
  untrustedCertificate?: boolean;
  /** Objects to read, patch, delete, create and evict (fix actions); see fake-kube-resources.ts. */
  resources?: FakeResources;
}

export interface FakeCluster {
  url: string;
  /** `GET /version`, ... in arrival order. */
  requests: string[];
  /** Body bytes the server has handed to its sockets so far (with backpressure: about what the client took). */
  bytesSent(): number;
  /** Responses the client closed before their body ended. */
  abandoned(): number;
  close(): Promise<void>;
}

/** Starts one fake API server on 127.0.0.1 and a random port. */
export async function startFakeCluster(spec: FakeClusterSpec, certs: TestCertificates): Promise<FakeCluster> {
  const requests: string[] = [];
  let bytesSent = 0;
  let abandoned = 0;
  const server: Server = createServer(
    spec.untrustedCertificate ? { key: certs.rogueKey, cert: certs.rogueCert } : { key: certs.serverKey, cert: certs.serverCert },
    (req, res) => {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      requests.push(`${req.method} ${url.pathname}`);
      const gzip = !!spec.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const jsonHeaders = { 'content-type': 'application/json', ...(gzip ? { 'content-encoding': 'gzip' } : {}) };
      const send = (code: number, body: unknown) => {
        const text = JSON.stringify(body);
        bytesSent += Buffer.byteLength(text);
        res.writeHead(code, jsonHeaders);
        res.end(gzip ? gzipSync(text) : text);
      };
      res.on('close', () => {
        if (!res.writableFinished) abandoned++;
      });
      if (spec.behaviour === 'hang') return;
      if (req.headers.authorization !== `Bearer ${spec.token}`) return send(401, status(401, 'Unauthorized', 'Unauthorized'));
      if (spec.resources && !(req.method === 'GET' && (url.pathname === '/api/v1/nodes' || url.pathname === '/version'))) {
        const resources = spec.resources;
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const answer = resources.handle(req.method ?? 'GET', url, Buffer.concat(chunks).toString('utf8'), req.headers);
          if (answer) send(answer.status, answer.body);
          else send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
        });
        return;
      }
      if (req.method !== 'GET') return send(405, status(405, 'MethodNotAllowed', 'the fake API server is read-only'));
      if (spec.forbiddenPaths?.includes(url.pathname)) {
        return send(403, status(403, 'Forbidden', `${url.pathname} is forbidden: User "system:serviceaccount:k8sfix:k8sfix" cannot list it`));
      }
      if (url.pathname === '/version') return send(200, spec.version ?? {});
      if (url.pathname === '/api/v1/nodes') {
        if (spec.behaviour === 'forbid-nodes') {
          return send(403, status(403, 'Forbidden', 'nodes is forbidden: User "system:serviceaccount:k8sfix:k8sfix" cannot list resource "nodes" in API group "" at the cluster scope'));
        }
        if (spec.redirectNodesTo) {
          res.writeHead(302, { location: spec.redirectNodesTo, 'content-type': 'text/plain' });
          return void res.end('Found');
        }
        if (spec.behaviour === 'endless-nodes' || spec.behaviour === 'drip-nodes') {
          res.writeHead(200, spec.behaviour === 'endless-nodes' ? jsonHeaders : { 'content-type': 'application/json' });
          // Gzipped, the body is bytes (counted before compression) through a gzip stream into the response.
          const out = spec.behaviour === 'endless-nodes' && gzip ? createGzip() : res;
          if (out !== res) {
            out.pipe(res);
            res.on('close', () => out.destroy());
          }
          const head = '{"kind":"NodeList","apiVersion":"v1","metadata":{"resourceVersion":"4242"},"items":[';
          out.write(head);
          bytesSent += head.length;
          if (spec.behaviour === 'drip-nodes') {
            const drip = setInterval(() => {
              if (res.destroyed) return clearInterval(drip);
              res.write(' ');
              bytesSent += 1;
            }, 20);
            res.on('close', () => clearInterval(drip));
            return;
          }
          const item = Buffer.from(`${JSON.stringify(spec.nodes?.[0] ?? { metadata: { name: 'node' } })},`);
          const pump = () => {
            while (!res.destroyed && !out.destroyed) {
              bytesSent += item.length;
              if (!out.write(item)) return void out.once('drain', pump);
            }
          };
          return pump();
        }
        if (spec.behaviour === 'endless-continue' || spec.behaviour === 'repeat-continue') {
          const page = Number(url.searchParams.get('continue')?.replace('page-', '') ?? 0) + 1;
          return send(200, {
            kind: 'NodeList',
            apiVersion: 'v1',
            metadata: { resourceVersion: '4242', continue: spec.behaviour === 'repeat-continue' ? 'page-1' : `page-${page}` },
            items: (spec.nodes ?? []).slice(0, 1),
          });
        }
        const nodes = spec.nodes ?? [];
        const limit = Number(url.searchParams.get('limit') ?? nodes.length) || nodes.length;
        const start = Number(url.searchParams.get('continue') ?? 0);
        const end = start + limit;
        return send(200, {
          kind: 'NodeList',
          apiVersion: 'v1',
          metadata: { resourceVersion: '4242', ...(end < nodes.length ? { continue: String(end) } : {}) },
          items: nodes.slice(start, end),
        });
      }
      if (url.pathname === '/apis/baremetal.cluster.gke.io/v1/clusters' && spec.bareMetalClusters) {
        return send(200, { apiVersion: 'baremetal.cluster.gke.io/v1', kind: 'ClusterList', metadata: {}, items: spec.bareMetalClusters });
      }
      if (url.pathname === '/apis/vm.cluster.gke.io/v1/vmruntimes' && spec.vmRuntimes) {
        return send(200, { apiVersion: 'vm.cluster.gke.io/v1', kind: 'VMRuntimeList', metadata: {}, items: spec.vmRuntimes });
      }
      return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    bytesSent: () => bytesSent,
    abandoned: () => abandoned,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

/** A URL on 127.0.0.1 where nothing listens (a port bound, then released). */
export async function unusedUrl(): Promise<string> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `https://127.0.0.1:${port}`;
}

export interface KubeconfigContext {
  name: string;
  server: string;
  token: string;
}

/** Writes a kubeconfig with one cluster, user and context per entry, trusting `caCert`; returns its path. */
export async function writeKubeconfig(dir: string, file: string, caCert: string, contexts: KubeconfigContext[]): Promise<string> {
  const path = join(dir, file);
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': contexts[0]?.name,
    clusters: contexts.map((c) => ({
      name: `${c.name}-cluster`,
      cluster: { server: c.server, 'certificate-authority-data': Buffer.from(caCert).toString('base64') },
    })),
    users: contexts.map((c) => ({ name: `${c.name}-user`, user: { token: c.token } })),
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: `${c.name}-cluster`, user: `${c.name}-user` } })),
  };
  await writeFile(path, stringify(config));
  return path;
}
