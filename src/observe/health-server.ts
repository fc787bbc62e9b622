import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleHealthRequest } from './health-routes.js';
import type { Metrics } from './metrics.js';
import type { Readiness } from './readiness.js';

/**
 * The side port (`K8SFIX_HEALTH_PORT`) for the kubelet's probes and Prometheus, in both modes: Socket Mode has
 * no HTTP server of its own, and in HTTP mode this keeps probes off the port Slack's requests come in on.
 */
export class HealthServer {
  private server: Server | undefined;
  private listening: Promise<number> | undefined;

  constructor(
    private readonly readiness: Readiness,
    private readonly metrics: Metrics,
  ) {}

  /** Listens once (later calls return the same port); `0` picks a free port. Resolves with the port. */
  listen(port: number, host?: string): Promise<number> {
    this.listening ??= new Promise<number>((resolve, reject) => {
      const server = createServer((req, res) => {
        handleHealthRequest(req, res, this.readiness, this.metrics)
          .then((handled) => {
            if (!handled) {
              res.writeHead(404, { 'content-type': 'text/plain' });
              res.end('not found: try /livez, /readyz or /metrics');
            }
          })
          .catch((error: unknown) => {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(error instanceof Error ? error.message : String(error));
          });
      });
      this.server = server;
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(`K8SFIX_HEALTH_PORT ${port} is already in use: choose another port (or 0 for any free one)`)
            : error,
        );
      });
      server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
    });
    return this.listening;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.listening = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
