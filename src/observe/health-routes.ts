import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics.js';
import type { Readiness } from './readiness.js';

export const HEALTH_PATHS = ['/livez', '/healthz', '/readyz', '/metrics'] as const;

/**
 * Answers /livez (and its old name /healthz: the process and its event loop run), /readyz (200 only when every
 * readiness check passes; the JSON body names what failed) and /metrics (Prometheus text format). Returns false
 * for any other path, so a server can serve something else there.
 */
export async function handleHealthRequest(req: IncomingMessage, res: ServerResponse, readiness: Readiness, metrics: Metrics): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (!(HEALTH_PATHS as readonly string[]).includes(path)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
    res.end('use GET');
    return true;
  }
  if (path === '/livez' || path === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    return true;
  }
  if (path === '/readyz') {
    const report = await readiness.report();
    for (const [check, state] of Object.entries(report.checks)) metrics.ready.set({ check }, state.ok ? 1 : 0);
    const failed = Object.entries(report.checks)
      .filter(([, state]) => !state.ok)
      .map(([name, state]) => `${name}: ${state.detail}`);
    res.writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`${JSON.stringify({ status: report.ready ? 'ready' : 'not ready', failed, checks: report.checks })}\n`);
    return true;
  }
  const body = await metrics.registry.metrics();
  res.writeHead(200, { 'content-type': metrics.registry.contentType });
  res.end(body);
  return true;
}
