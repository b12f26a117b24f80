import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from '../../redis/connect';

/** Every key matching `pattern` on one server, by SCAN (never KEYS, which blocks Redis). */
async function scanServer(redis: Redis, pattern: string, found: Set<string>): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) found.add(key);
  } while (cursor !== '0');
}

/**
 * Every key matching `pattern`, each once. On a Cluster, SCAN sees one node's
 * keys only, so every primary is scanned (a primary that fails over while it
 * is scanned fails the call: the callers, a sweep or an uninstall, run again).
 */
export async function scanKeys(redis: RedisClient, pattern: string): Promise<string[]> {
  const found = new Set<string>();
  // A cluster client knows its primaries once it has read the slots: one round trip makes sure it has.
  if (redis instanceof Cluster) await redis.ping();
  const servers = redis instanceof Cluster ? redis.nodes('master') : [redis];
  await Promise.all(servers.map((server) => scanServer(server, pattern, found)));
  return [...found];
}
