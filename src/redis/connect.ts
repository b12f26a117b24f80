/**
 * The bot's Redis connection: reconnects on its own with capped backoff, and
 * while Redis is away requests fail within moments instead of hanging, so a
 * click gets an answer ("try again") rather than a 3-second Slack timeout.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** The part of a pino logger the connection needs. */
export type ConnectionLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/** Longest wait between reconnect attempts. */
const MAX_BACKOFF_MS = 5000;

/** Where the connection goes, without user name or password, for the log. */
export function redactedTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'an unparseable REDIS_URL';
  }
}

/** Delay before reconnect attempt `times`: doubling from 100 ms, capped, with jitter so instances spread out. */
export function reconnectDelay(times: number, random: () => number = Math.random): number {
  const base = Math.min(100 * 2 ** Math.max(0, times - 1), MAX_BACKOFF_MS);
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

/** Connects to Redis and keeps reconnecting; never throws on connection errors, it logs them. */
export function connectRedis(url: string, logger: ConnectionLogger): Redis {
  const target = redactedTarget(url);
  const redis = new Redis(url, {
    retryStrategy: (times) => reconnectDelay(times),
    // A request waits through at most one reconnect attempt, then fails.
    maxRetriesPerRequest: 1,
    // Queued while (re)connecting, and flushed with an error by the rule above.
    enableOfflineQueue: true,
    connectTimeout: 5000,
    // A request that gets no answer fails rather than holding a Slack ack hostage.
    commandTimeout: 2500,
    connectionName: 'intervision-bot',
    // ioredis waits this long for a socket to report closed, even one that
    // already is (between reconnects); the default 2 s delays shutdown.
    disconnectTimeout: 500,
  });
  let down = false;
  redis.on('ready', () => {
    if (down) logger.info({ redis: target }, 'redis connection restored');
    else logger.info({ redis: target }, 'redis connected');
    down = false;
  });
  redis.on('error', (error: unknown) => {
    // ioredis repeats the error on every attempt; log the first of an outage loudly.
    if (!down) logger.error({ redis: target, err: describe(error) }, 'redis connection error');
    else logger.warn({ redis: target, err: describe(error) }, 'redis still unavailable');
    down = true;
  });
  redis.on('reconnecting', (delay: unknown) => {
    logger.warn({ redis: target, delayMs: delay }, 'redis reconnecting');
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
export async function closeConnection(redis: Redis): Promise<void> {
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
