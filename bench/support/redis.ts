/**
 * Redis for the benchmarks: the local server (REDIS_URL, else 127.0.0.1:6379),
 * a key prefix of the run's own, and a cleanup that leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';

/** Where the benchmarks find Redis. */
export function benchRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A key prefix no other run (or test file) uses, e.g. "bench:engine:1a2b3c4d:". */
export function uniquePrefix(bench: string): string {
  return `bench:${bench}:${randomBytes(4).toString('hex')}:`;
}

/** Options of every benchmark connection: fail fast rather than retry for ever. */
export const benchConnectionOptions = { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true } satisfies RedisOptions;

/** Connects a (lazily created) connection; fails with a clear message when no Redis answers. */
export async function connected<R extends Redis>(redis: R): Promise<R> {
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`No Redis at ${benchRedisUrl()} (${why}). Start one, or set REDIS_URL.`);
  }
  return redis;
}

/** Opens a plain connection to the benchmark Redis. */
export function openConnection(): Promise<Redis> {
  return connected(new Redis(benchRedisUrl(), benchConnectionOptions));
}

/** Every key under `prefix`, by SCAN (the server may be shared: never KEYS). */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`;
  const found = new Set<string>();
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    for (const key of batch) found.add(key);
  } while (cursor !== '0');
  return [...found];
}

/** Deletes every key under `prefix`; returns how many there were. */
export async function deleteUnder(redis: Redis, prefix: string): Promise<number> {
  const keys = await keysUnder(redis, prefix);
  // One key per call: on Cluster the keys span slots.
  await Promise.all(keys.map((key) => redis.unlink(key)));
  return keys.length;
}

/** Exact bytes Redis holds for a key (MEMORY USAGE with every element sampled); 0 when absent. */
export async function memoryUsage(redis: Redis, key: string): Promise<number> {
  const bytes: unknown = await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
  return typeof bytes === 'number' ? bytes : 0;
}

/** used_memory from INFO memory, in bytes. */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const match = /^used_memory:(\d+)/m.exec(info);
  return match?.[1] ? Number(match[1]) : 0;
}
