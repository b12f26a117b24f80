import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { REQUEST_TIMEOUT_MS, closeConnection, connectRedis, reconnectDelay, redactedTarget } from '../../src/redis/connect';
import { isStoreUnavailable } from '../../src/store/errors';
import { relayTo } from '../foundation/redis-proxy';
import { testRedisUrl } from '../support/redis';
import { startOwnRedis } from '../support/redis-server';

/** A real pino logger writing into an array, so tests read exactly what would be logged. */
function capturingLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

/** A port on which nothing listens. */
async function deadPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('connecting to Redis', () => {
  it('reconnect delays grow and stop growing at about five seconds', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4].map((t) => reconnectDelay(t, noJitter))).toEqual([100, 200, 400, 800]);
    expect(reconnectDelay(50, noJitter)).toBe(5000);
    expect(reconnectDelay(50, () => 0.999)).toBeLessThanOrEqual(5200);
  });

  it('the log names the server without user name or password', () => {
    expect(redactedTarget('redis://bot:s3cret@redis.internal:6380/2')).toBe('redis://redis.internal:6380/2');
    expect(redactedTarget('not a url')).not.toContain('not a url');
  });

  it('with Redis away, requests fail within seconds, nothing throws, and the log carries no password', async () => {
    const { logger, lines } = capturingLogger();
    const redis = connectRedis(`redis://bot:s3cret@127.0.0.1:${await deadPort()}`, logger);
    const started = Date.now();
    await expect(redis.ping()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(4000);
    await closeConnection(redis);
    const log = lines.join('');
    expect(log).toContain('redis connection error');
    expect(log).not.toContain('s3cret');
  });

  it('tells of each error and reconnect attempt, by the connection\'s role (the metrics count them)', async () => {
    const { logger } = capturingLogger();
    const events: string[] = [];
    const redis = connectRedis(`redis://127.0.0.1:${await deadPort()}`, logger, 'requests', (role, event) => events.push(`${role} ${event}`));
    for (const until = Date.now() + 3000; !events.includes('requests reconnect') && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 20));
    await closeConnection(redis);
    expect(events).toContain('requests error');
    expect(events).toContain('requests reconnect');
  });

  it('a write answered READONLY (a primary demoted in a failover) makes the connection connect again, to wherever the primary is now', async () => {
    const { logger } = capturingLogger();
    const [primary, demoted] = await Promise.all([startOwnRedis(), startOwnRedis()]);
    const events: string[] = [];
    const redis = connectRedis(demoted.url, logger, 'work', (role, event) => events.push(event));
    try {
      expect(await redis.set('k', 'v')).toBe('OK');
      await redis.call('REPLICAOF', '127.0.0.1', String(primary.port));
      await expect(redis.set('k', 'w')).rejects.toThrow(/^READONLY/);
      for (const until = Date.now() + 3000; !events.includes('reconnect') && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(events).toContain('reconnect');
    } finally {
      await closeConnection(redis);
      await Promise.all([primary.stop(), demoted.stop()]);
    }
  });

  it('the connection for requests fails at once while Redis is away, and within its timeout while Redis does not answer', async () => {
    const { logger } = capturingLogger();
    const relay = await relayTo(testRedisUrl());
    const redis = connectRedis(relay.url, logger, 'requests');
    // This connection queues nothing, not even before it is first ready: wait for it.
    const ready = async (): Promise<void> => {
      for (const until = Date.now() + 3000; redis.status !== 'ready' && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    try {
      await ready();
      expect(await redis.ping()).toBe('PONG');
      await relay.down();
      let started = Date.now();
      const refused = await redis.ping().catch((error: unknown) => error);
      expect(isStoreUnavailable(refused)).toBe(true);
      expect(Date.now() - started).toBeLessThan(100);

      await relay.up();
      await ready();
      expect(await redis.ping()).toBe('PONG');
      relay.stall();
      started = Date.now();
      const unanswered = await redis.ping().catch((error: unknown) => error);
      expect(isStoreUnavailable(unanswered)).toBe(true);
      expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS + 300);
      await relay.up();
      expect(await redis.ping()).toBe('PONG');
    } finally {
      await closeConnection(redis);
      await relay.close();
    }
  });

  it('with Redis there, the connection is logged and answers', async () => {
    const { logger, lines } = capturingLogger();
    const redis = connectRedis(testRedisUrl(), logger);
    expect(await redis.ping()).toBe('PONG');
    await closeConnection(redis);
    expect(lines.join('')).toContain('redis connected');
  });
});
