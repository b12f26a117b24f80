/**
 * The bot's Redis connections: each reconnects on its own with capped
 * backoff. The one for the work in the background (effects, timers, the
 * sweep) waits through a reconnect attempt before a command fails, and its
 * callers retry. The one for requests a person waits on fails at once while
 * Redis is away, and within REQUEST_TIMEOUT_MS when Redis does not answer, so
 * a click, a command, a form or an event gets its answer ("try again") well
 * within Slack's 3 seconds.
 */
import { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { describeTarget, type RedisTarget } from '../config-redis';

/** The part of a pino logger the connection needs. */
export type ConnectionLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/** A connection to one Redis (directly or found through Sentinel), or to a Redis Cluster: the stores take either. */
export type RedisClient = Redis | Cluster;

/** Told of each error and reconnect attempt of a connection (the metrics), by its role. */
export type ConnectionEvents = (role: ConnectionRole, event: 'error' | 'reconnect') => void;

/** Longest wait between reconnect attempts. */
const MAX_BACKOFF_MS = 5000;
/** Longest wait between reconnect attempts of the request connection: it is back within a second of Redis. */
const REQUEST_MAX_BACKOFF_MS = 1000;
/** How long a request's command may wait for Redis's answer. */
export const REQUEST_TIMEOUT_MS = 500;

/** Which of the bot's connections this is. */
export type ConnectionRole = 'work' | 'requests';

/** Where the connection goes, without user name or password, for the log. */
export function redactedTarget(url: string): string {
  return describeTarget({ kind: 'single', url });
}

/** Delay before reconnect attempt `times`: doubling from 100 ms, capped, with jitter so instances spread out. */
export function reconnectDelay(times: number, random: () => number = Math.random, capMs = MAX_BACKOFF_MS): number {
  const base = Math.min(100 * 2 ** Math.max(0, times - 1), capMs);
  return Math.round(base + random() * 200);
}

/** Error fields safe to log: a Redis error carries no credentials in its message or code. */
function describe(error: unknown): { message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' ? { message: error.message, code } : { message: error.message };
  }
  return { message: String(error) };
}

/** How each connection waits for Redis. */
export const ROLES = {
  work: {
    retryStrategy: (times: number) => reconnectDelay(times),
    // A command waits through at most one reconnect attempt, then fails (and its caller retries later).
    maxRetriesPerRequest: 1,
    // Queued while (re)connecting, and flushed with an error by the rule above.
    enableOfflineQueue: true,
    // A command that gets no answer fails rather than holding its work for ever.
    commandTimeout: 2500,
    connectionName: 'intervision-bot',
  },
  requests: {
    retryStrategy: (times: number) => reconnectDelay(times, Math.random, REQUEST_MAX_BACKOFF_MS),
    // While Redis is away nothing is queued or retried: the person is answered at once.
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    commandTimeout: REQUEST_TIMEOUT_MS,
    connectionName: 'intervision-bot-requests',
  },
} as const;

/** Common to every connection to a Redis server. */
const SOCKET = {
  connectTimeout: 5000,
  // ioredis waits this long for a socket to report closed, even one that
  // already is (between reconnects); the default 2 s delays shutdown.
  disconnectTimeout: 500,
  // A primary demoted to replica (a failover this connection missed) answers writes READONLY:
  // connect again, to the primary Sentinel (or the DNS name) points to now. The write fails; its caller retries.
  reconnectOnError: (error: Error) => /^READONLY\b/.test(error.message),
} as const;

/** Longest wait between reconnect attempts through Sentinel: each one asks the Sentinels where the primary is now. */
const SENTINEL_MAX_BACKOFF_MS = 500;

/** The client for `target`: one server, a Cluster (every node, commands routed by slot), or Sentinel's primary. */
function clientFor(target: RedisTarget, role: ConnectionRole): RedisClient {
  const options = ROLES[role];
  const auth = target.kind === 'single' ? {} : { ...(target.username ? { username: target.username } : {}), ...(target.password ? { password: target.password } : {}), ...(target.tls ? { tls: {} } : {}) };
  if (target.kind === 'single') return new Redis(target.url, { ...options, ...SOCKET });
  if (target.kind === 'sentinel') {
    return new Redis({
      ...options,
      ...SOCKET,
      ...auth,
      sentinels: target.sentinels,
      name: target.name,
      ...(target.sentinelPassword ? { sentinelPassword: target.sentinelPassword } : {}),
      // After a failover the new primary is found at the next attempt: keep the attempts close together.
      // (Not ioredis' failoverDetector: its subscription outlives a connection to a dead primary, and its
      // disconnect, arriving while the next connection is being made, ends that connection for good.)
      retryStrategy: (times: number) => reconnectDelay(times, Math.random, SENTINEL_MAX_BACKOFF_MS),
    });
  }
  const { retryStrategy, enableOfflineQueue, ...perNode } = options;
  return new Cluster(target.nodes, {
    clusterRetryStrategy: retryStrategy,
    enableOfflineQueue,
    // A command hitting a node that fails over is sent again after this long (a request only briefly).
    retryDelayOnFailover: role === 'requests' ? 50 : 200,
    retryDelayOnClusterDown: role === 'requests' ? 50 : 200,
    redisOptions: { ...perNode, ...SOCKET, ...auth },
  });
}

/**
 * Connects to Redis (`target`, or a REDIS_URL) and keeps reconnecting; never
 * throws on connection errors, it logs them. `role` says how commands wait
 * (see ROLES); one connection of each role is opened per process.
 */
export function connectRedis(target: string | RedisTarget, logger: ConnectionLogger, role: ConnectionRole = 'work', events?: ConnectionEvents): RedisClient {
  const resolved: RedisTarget = typeof target === 'string' ? { kind: 'single', url: target } : target;
  const redis = clientFor(resolved, role);
  let down = false;
  const where = { redis: describeTarget(resolved), connection: role };
  redis.on('ready', () => {
    if (down) logger.info(where, 'redis connection restored');
    else logger.info(where, 'redis connected');
    down = false;
  });
  redis.on('error', (error: unknown) => {
    events?.(role, 'error');
    // ioredis repeats the error on every attempt; log the first of an outage loudly.
    if (!down) logger.error({ ...where, err: describe(error) }, 'redis connection error');
    else logger.warn({ ...where, err: describe(error) }, 'redis still unavailable');
    down = true;
  });
  redis.on('reconnecting', (delay: unknown) => {
    events?.(role, 'reconnect');
    logger.warn({ ...where, delayMs: delay }, 'redis reconnecting');
  });
  return redis;
}

/** How long a graceful QUIT may take before the socket is simply dropped. */
const QUIT_GRACE_MS = 1000;

/**
 * Closes the connection and resolves once it has ended. A ready connection
 * quits gracefully (pending replies arrive first); one that is (re)connecting
 * is dropped at once, because QUIT would wait in the queue for a server that
 * is not there. Between reconnect attempts the socket is already gone and
 * ioredis only cancels its retry timer, without an 'end' event, so the wait
 * for 'end' is capped.
 */
export async function closeConnection(redis: RedisClient): Promise<void> {
  if (redis.status === 'end') return;
  const ended = new Promise<void>((resolve) => {
    redis.once('end', () => resolve());
    setTimeout(resolve, QUIT_GRACE_MS).unref();
  });
  if (redis.status === 'ready') {
    const quit = await Promise.race([
      redis.quit().then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), QUIT_GRACE_MS).unref()),
    ]).catch(() => false);
    if (!quit) redis.disconnect();
  } else {
    const between = redis.status === 'reconnecting';
    redis.disconnect();
    if (between) return; // no socket, and now no retry timer: nothing left to end
  }
  await ended;
}
