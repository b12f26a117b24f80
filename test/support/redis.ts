/**
 * Real Redis for tests. Global setup picks a server (REDIS_URL, a local one on
 * 6379, or a throwaway redis-server it starts) and a Redis Cluster
 * (REDIS_CLUSTER_NODES, or three local primaries it starts), and hands both
 * to the workers; each test file then works under its own key prefix, so
 * files can run in parallel on one server and on the cluster (which only has
 * db 0).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Cluster, Redis } from 'ioredis';
import { closeConnection, type RedisClient } from '../../src/redis/connect';
import { HOW_TO_GET_A_CLUSTER, nodesOf, type ClusterNode } from './redis-cluster';
import { allBuckets } from '../../src/scheduler/timer-buckets';

/** Environment variable through which global setup hands the chosen URL to test workers. */
export const TEST_REDIS_URL_VAR = 'INTERVISION_TEST_REDIS_URL';
/** And the cluster's nodes ("host:port,host:port,…"). */
export const TEST_CLUSTER_VAR = 'INTERVISION_TEST_REDIS_CLUSTER';

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

/** The hand-over file of the cluster's nodes. */
export function clusterHandOverFile(jestPid: number): string {
  return join(tmpdir(), `intervision-test-redis-cluster-${jestPid}.nodes`);
}

/** What global setup handed over in `variable`, or wrote to the file `fileOf` names; undefined when neither. */
function handedOver(variable: string, fileOf: (pid: number) => string): string | undefined {
  const given = process.env[variable];
  if (given) return given;
  for (const pid of [process.ppid, process.pid]) {
    try {
      const value = readFileSync(fileOf(pid), 'utf8').trim();
      if (value) return value;
    } catch {
      // not written by this run's global setup; try the next candidate
    }
  }
  return undefined;
}

/** The Redis URL chosen by global setup (or REDIS_URL when run without it). */
export function testRedisUrl(): string {
  const url = handedOver(TEST_REDIS_URL_VAR, handOverFile) ?? process.env.REDIS_URL;
  if (url) return url;
  throw new Error(HOW_TO_START_REDIS);
}

/** The test cluster's nodes, from global setup (or REDIS_CLUSTER_NODES when run without it). */
export function testClusterNodes(): ClusterNode[] {
  const spec = handedOver(TEST_CLUSTER_VAR, clusterHandOverFile) ?? process.env.REDIS_CLUSTER_NODES;
  if (spec) return nodesOf(spec);
  throw new Error(HOW_TO_GET_A_CLUSTER);
}

/** A Cluster client for tests, failing fast as openTestConnection does. */
export function openTestCluster(nodes: ClusterNode[] = testClusterNodes()): Cluster {
  return new Cluster(nodes, { redisOptions: { maxRetriesPerRequest: 1, connectTimeout: 2000, disconnectTimeout: 500 } });
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

/** Which Redis a test runs on: the one server, or the cluster. */
export type RedisKind = 'single' | 'cluster';

/** A test file's private corner of the test Redis (or of the test cluster). */
export interface IsolatedRedis<C extends RedisClient = Redis> {
  kind: RedisKind;
  /** Key prefix for this file, e.g. "t:redis-session-store:3f9a1c2b:"; give it to stores as `prefix`. */
  prefix: string;
  /** A connection opened for this file (closed by cleanup). */
  redis: C;
  /** Opens another connection (as a second bot process would); closed by cleanup. */
  connect(): C;
  /** All keys under the prefix. */
  keys(): Promise<string[]>;
  /** Deletes every key under the prefix and quits every connection. */
  cleanup(): Promise<void>;
}

/** Escapes glob characters so a prefix can be used in SCAN MATCH literally. */
export function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** Every key matching `pattern`, by SCAN (never KEYS: other files share the server); on the cluster, on every primary. */
export async function scanKeys(redis: RedisClient, pattern: string): Promise<string[]> {
  const found: string[] = [];
  if (redis instanceof Cluster) await redis.ping();
  for (const server of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, batch] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      found.push(...batch);
    } while (cursor !== '0');
  }
  return [...new Set(found)];
}

/** Gives a test file its own key prefix on the test Redis, and a way to leave nothing behind. */
export function isolatedRedis(name: string): IsolatedRedis {
  return isolated(name, 'single', () => openTestConnection(testRedisUrl()));
}

/** The same on the test cluster. */
export function isolatedCluster(name: string): IsolatedRedis<Cluster> {
  return isolated(name, 'cluster', () => openTestCluster());
}

/** The same on the kind of Redis asked for (suites run on both). */
export function isolatedRedisOf(kind: RedisKind, name: string): IsolatedRedis<RedisClient> {
  return kind === 'cluster' ? isolatedCluster(name) : isolatedRedis(name);
}

function isolated<C extends RedisClient>(name: string, kind: RedisKind, open: () => C): IsolatedRedis<C> {
  const file = basename(name).replace(/\.test\.ts$/, '').replace(/[^A-Za-z0-9_.-]/g, '_');
  const prefix = `t:${file}:${randomBytes(4).toString('hex')}:`;
  const connections: C[] = [];
  const connect = (): C => {
    const connection = open();
    connections.push(connection);
    return connection;
  };
  const redis = connect();
  const keys = (): Promise<string[]> => scanKeys(redis, `${globEscape(prefix)}*`);
  return {
    kind,
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

/** Every timer member ("<sessionId>|<key>") in the timer buckets under `prefix`: the proof that a session left no timer. */
export async function timerMembers(redis: Pick<Redis, 'zrange'>, prefix: string): Promise<string[]> {
  const lists = await Promise.all(allBuckets(prefix).map((bucket) => redis.zrange(bucket.due, '0', '-1')));
  return lists.flat();
}

/** Whether a key is one of the timer buckets' keys under `prefix`. */
export function isTimerKey(key: string, prefix: string): boolean {
  return allBuckets(prefix).some((bucket) => key === bucket.due || key === bucket.data);
}
