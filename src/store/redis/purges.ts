import type { RedisClient } from '../../redis/connect';
import { parseStored, purgeRecordSchema } from '../schemas';
import type { PurgeRecord } from '../session-store';
import type { RedisChannelIndex, RedisPersonIndex } from './indexes';
import { purgingKey, sessionKeys } from './keys';

/**
 * Purges that have begun and not finished, oldest close first: the ids in
 * the `purging` set that still have a purge record. An id with neither a
 * record nor content is dropped from the set (the purge finished halfway, or
 * expired). A record missing while the content is still there means
 * beginPurge was interrupted: the purge effect is still in the outbox and
 * will begin it again, so the id stays.
 */
export async function pendingPurges(redis: RedisClient, prefix: string): Promise<PurgeRecord[]> {
  const purging = purgingKey(prefix);
  const ids = await redis.smembers(purging);
  const records: PurgeRecord[] = [];
  const stale: string[] = [];
  await Promise.all(
    ids.map(async (id) => {
      const keys = sessionKeys(prefix, id);
      const json = await redis.get(keys.purge);
      if (json) records.push(parseStored(purgeRecordSchema, json, 'purge record'));
      else if ((await redis.exists(keys.state)) === 0) stale.push(id);
    }),
  );
  if (stale.length > 0) await redis.srem(purging, ...stale);
  return records.sort((a, b) => a.closedAt - b.closedAt);
}

/** Removes every remaining key of the session (one DEL: they share the session's slot), then its entries in the person indexes, the shared set and its channel's index. */
export async function finishPurge(redis: RedisClient, prefix: string, id: string, indexes: { channels: RedisChannelIndex; people: RedisPersonIndex }): Promise<void> {
  const k = sessionKeys(prefix, id);
  const json = await redis.get(k.purge);
  const record = json ? parseStored(purgeRecordSchema, json, 'purge record') : null;
  await indexes.people.remove(id, record?.team);
  await redis.del(k.state, k.outbox, k.outboxSeq, k.messages, k.lease, k.purge);
  await Promise.all([redis.srem(purgingKey(prefix), id), record ? indexes.channels.remove(id, record.channel, record.team) : undefined]);
}
