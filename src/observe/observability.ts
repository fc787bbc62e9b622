import { HealthServer } from './health-server.js';
import { createLogger, type LoggerOptions, type PinoLogger } from './logger.js';
import { createMetrics, type Metrics, type MetricsOptions } from './metrics.js';
import { Readiness } from './readiness.js';

/** Metrics, logs, readiness and the health side port of one app instance. */
export interface Observability {
  metrics: Metrics;
  logger: PinoLogger;
  readiness: Readiness;
  health: HealthServer;
}

export function createObservability(options: LoggerOptions & MetricsOptions = {}): Observability {
  const metrics = createMetrics(options);
  const readiness = new Readiness();
  return { metrics, logger: createLogger(options), readiness, health: new HealthServer(readiness, metrics) };
}
