import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics';

/**
 * GET /healthz: whether this instance can serve sessions, which comes down to
 * whether its store answers. Load balancers and Docker's HEALTHCHECK read it.
 * GET /metrics beside it (METRICS=on): Prometheus's text format.
 */

export type StoreKind = 'redis' | 'memory';

/** Anything that can say whether the store answers (the session store does). */
export interface HealthProbe {
  ping(): Promise<boolean>;
}

const HEALTH_PATH = '/healthz';

/** A health check must answer quickly even when Redis hangs. */
const PING_TIMEOUT_MS = 1_000;

/** Pings the store with a time limit; a throw or a timeout counts as unhealthy. */
async function storeAnswers(store: HealthProbe, timeoutMs = PING_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([store.ping().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Writes the health answer: 200 when the store answers, 503 otherwise. */
async function answerHealth(res: ServerResponse, store: HealthProbe, kind: StoreKind): Promise<void> {
  const healthy = await storeAnswers(store);
  const body = JSON.stringify({ status: healthy ? 'ok' : 'unavailable', store: kind });
  res.writeHead(healthy ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(body);
}

/** The /healthz route in the shape of Bolt's `customRoutes` (HTTP mode). */
export function healthRoute(store: HealthProbe, kind: StoreKind) {
  return {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse): void => {
      void answerHealth(res, store, kind);
    },
  };
}

const METRICS_PATH = '/metrics';

/** Writes the metrics; a failure to gather them is a 500 without details. */
async function answerMetrics(res: ServerResponse, metrics: Metrics): Promise<void> {
  try {
    const { contentType, body } = await metrics.scrape();
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(500);
    res.end();
  }
}

/** The /metrics route in the shape of Bolt's `customRoutes`, when metrics are on; none otherwise. */
export function metricsRoutes(metrics: Metrics | undefined) {
  if (!metrics?.enabled) return [];
  return [
    {
      path: METRICS_PATH,
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse): void => {
        void answerMetrics(res, metrics);
      },
    },
  ];
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * A small server for /healthz (and /metrics) in Socket Mode, where Bolt serves no HTTP. If the
 * port is taken the bot still runs (Socket Mode does not need it) and says so.
 */
export function startHealthServer(port: number, store: HealthProbe, kind: StoreKind, logger: Logger, metrics?: Metrics): Promise<HealthServer | undefined> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === HEALTH_PATH) {
      void answerHealth(res, store, kind);
      return;
    }
    if (req.method === 'GET' && path === METRICS_PATH && metrics?.enabled) {
      void answerMetrics(res, metrics);
      return;
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      logger.warn({ port, code: error.code }, 'the health endpoint could not listen; the bot runs without it');
      resolve(undefined);
    });
    server.listen(port, () => {
      const address = server.address() as AddressInfo;
      resolve({
        port: address.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
