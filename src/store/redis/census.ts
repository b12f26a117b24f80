import type { Census } from '../../metrics/metrics';
import type { RedisClient } from '../../redis/connect';
import { tallyOutboxes, tallySessions } from '../census';
import { globEscape } from './keys';
import { scanKeys } from './scan';

/** Keys read at once while counting, so a large store is read in steps rather than in one burst. */
const CHUNK = 500;

async function inChunks<T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) results.push(...(await Promise.all(items.slice(i, i + CHUNK).map(read))));
  return results;
}

/**
 * The census on Redis (see ../census.ts): one SCAN over the sessions' keys
 * (on every primary of a Cluster), then each state's census tag and each
 * waiting outbox's length and oldest entry. Its cost grows with the number
 * of sessions, which is why the metrics read it at most every few seconds.
 */
export async function redisCensus(redis: RedisClient, prefix: string): Promise<Census> {
  const keys = await scanKeys(redis, `${globEscape(prefix)}{session:*}:*`);
  const states = keys.filter((key) => key.endsWith(':state'));
  const outboxes = keys.filter((key) => key.endsWith(':outbox'));
  const tags = await inChunks(states, (key) => redis.hget(key, 'census'));
  const heads = await inChunks(outboxes, async (key) => {
    const [length, oldest] = await Promise.all([redis.llen(key), redis.lindex(key, 0)]);
    return { length, oldest };
  });
  // A state without a tag (stored by an older version, until its next commit) counts as "unknown".
  return { sessions: tallySessions(tags), outbox: tallyOutboxes(heads) };
}
