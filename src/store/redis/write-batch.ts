/**
 * Sends the Redis commands of one tick of the event loop in one write.
 *
 * ioredis writes every command to the socket the moment it is sent: one
 * system call, one TCP segment and one wake-up of Redis per command. When a
 * batch of replies arrives, the bot resumes many dispatches in the same tick,
 * and each sends its next command (a load, or a commit and the index TTL).
 * Corking the socket until the tick's callbacks and promise continuations have
 * run (process.nextTick) turns those into one writev: the commands, their
 * order and their replies are the same, only the system calls are fewer.
 * Nothing waits longer than the rest of the current tick, and a tick that
 * queues much is flushed on the way (FLUSH_BYTES), so Redis can start on it.
 *
 * While the connection is not ready, ioredis queues commands itself and this
 * does nothing. On a Cluster, whose commands go over one socket per node, it
 * does nothing either.
 */
import { Redis } from 'ioredis';
import type { RedisClient } from '../../redis/connect';

/** Queued bytes after which the held writes go out at once, without waiting for the tick to end. */
export const FLUSH_BYTES = 64 * 1024;

/** Sockets corked until the end of the current tick. */
const held = new WeakSet<object>();

/** Call before sending: this tick's later writes on the connection go out together when the tick ends. */
export function writeAtEndOfTick(redis: RedisClient): void {
  if (!(redis instanceof Redis) || redis.status !== 'ready') return;
  const stream = redis.stream;
  if (held.has(stream)) {
    if (stream.writableLength >= FLUSH_BYTES) {
      stream.uncork();
      stream.cork();
    }
    return;
  }
  held.add(stream);
  stream.cork();
  process.nextTick(() => {
    held.delete(stream);
    stream.uncork();
  });
}
