/**
 * Real Redis for tests. Global setup picks a server (REDIS_URL, a local one on
 * 6379, or a throwaway redis-server it starts) and hands its URL to the
 * workers; each test file then works under its own key prefix, so files can
 * run in parallel on one server (and on Cluster, which only has db 0).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Redis } from 'ioredis';
import { closeConnection } from '../../src/redis/connect';

/** Environment variable through which global setup hands the chosen URL to test workers. */
export const TEST_REDIS_URL_VAR = 'INTERVISION_TEST_REDIS_URL';

/** How to get a Redis for the tests, said the same way everywhere. */
export const HOW_TO_START_REDIS =
  'The tests need a real Redis and none could be found or started. Start one with:\n' +
  '  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n' +
  'or set REDIS_URL (for example REDIS_URL=redis://127.0.0.1:6379).';

/**
 * Fallback hand-over file, for workers that did not inherit the environment
 * global setup changed. Keyed by the Jest parent's pid so two Jest runs at
 * once do not read each other's URL.
 */
export function handOverFile(jestPid: number): string {
  return join(tmpdir(), `intervision-test-redis-${jestPid}.url`);
}

/** The Redis URL chosen by global setup (or REDIS_URL when run without it). */
export function testRedisUrl(): string {
  const handedOver = process.env[TEST_REDIS_URL_VAR];
  if (handedOver) return handedOver;
  for (const pid of [process.ppid, process.pid]) {
    try {
      const url = readFileSync(handOverFile(pid), 'utf8').trim();
      if (url) return url;
    } catch {
      // not written by this run's global setup; try the next candidate
    }
  }
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  throw new Error(HOW_TO_START_REDIS);
}

/** Opens a connection that fails fast instead of retrying for ever (tests should not hang). */
export function openTestConnection(url: string = testRedisUrl()): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, disconnectTimeout: 500 });
}

/** True when the server at `url` answers PING within `timeoutMs`. */
export async function answersPing(url: string, timeoutMs: number): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    disconnectTimeout: 100,
  });
  // A refused connection is an answer ("no"), not a failure of the test run.
  probe.on('error', () => undefined);
  try {
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    const ping = probe.connect().then(async () => (await probe.ping()) === 'PONG');
    return await Promise.race([ping, timeout]);
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** A test file's private corner of the test Redis. */
export interface IsolatedRedis {
  /** Key prefix for this file, e.g. "t:redis-session-store:3f9a1c2b:"; give it to stores as `prefix`. */
  prefix: string;
  /** A connection opened for this file (closed by cleanup). */
  redis: Redis;
  /** Opens another connection (as a second bot process would); closed by cleanup. */
  connect(): Redis;
  /** All keys under the prefix. */
  keys(): Promise<string[]>;
  /** Deletes every key under the prefix and quits every connection. */
  cleanup(): Promise<void>;
}

/** Escapes glob characters so a prefix can be used in SCAN MATCH literally. */
export function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** Every key matching `pattern`, by SCAN (never KEYS: other files share the server). */
export async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    found.push(...batch);
  } while (cursor !== '0');
  return [...new Set(found)];
}

/** Gives a test file its own key prefix on the test Redis, and a way to leave nothing behind. */
export function isolatedRedis(name: string): IsolatedRedis {
  const file = basename(name).replace(/\.test\.ts$/, '').replace(/[^A-Za-z0-9_.-]/g, '_');
  const prefix = `t:${file}:${randomBytes(4).toString('hex')}:`;
  const url = testRedisUrl();
  const connections: Redis[] = [];
  const connect = (): Redis => {
    const connection = openTestConnection(url);
    connections.push(connection);
    return connection;
  };
  const redis = connect();
  const keys = (): Promise<string[]> => scanKeys(redis, `${globEscape(prefix)}*`);
  return {
    prefix,
    redis,
    connect,
    keys,
    async cleanup() {
      const left = await keys();
      // DEL one key at a time: the keys span hash slots, which one DEL may not on Cluster.
      await Promise.all(left.map((key) => redis.del(key)));
      await Promise.all(connections.map((c) => closeConnection(c)));
    },
  };
}
