import type { RedisClient } from '../../redis/connect';
import { StoreUnavailableError } from '../errors';

/**
 * REDIS_WAIT_REPLICAS: a change counts as stored once `replicas` replicas
 * have it too, not only the primary. Redis replicates asynchronously, so a
 * primary that dies right after a write may take it along; `WAIT` (sent on the
 * connection that wrote, after the write) returns once that many replicas
 * have confirmed everything this connection wrote, or after the timeout, with
 * how many did. Fewer than asked: the change is on the primary and may still
 * be lost, so it is reported as not stored (the person tries again, which the
 * engine takes as the repeat it is).
 */

/** How long a change may wait for its replicas: inside the request connection's 500 ms command timeout. */
export const WAIT_TIMEOUT_MS = 400;

/** Resolves once `replicas` replicas have this connection's writes; throws StoreUnavailableError when fewer confirm in time. */
export async function waitForReplicas(redis: RedisClient, replicas: number): Promise<void> {
  const confirmed = Number(await redis.call('WAIT', replicas, WAIT_TIMEOUT_MS));
  if (confirmed < replicas) throw new StoreUnavailableError(`${confirmed} of ${replicas} replicas confirmed the change in time`);
}
