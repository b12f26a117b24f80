import { FLUSH_BYTES, writeAtEndOfTick } from '../../src/store/redis/write-batch';
import { isolatedRedis } from '../support/redis';

const iso = isolatedRedis(__filename);
afterAll(() => iso.cleanup());

describe('writeAtEndOfTick', () => {
  it("holds the tick's commands on the socket and sends them together, in order, when the tick ends", async () => {
    const redis = iso.redis;
    await redis.ping();
    const key = `${iso.prefix}list`;
    writeAtEndOfTick(redis);
    writeAtEndOfTick(redis); // a second call in the same tick changes nothing
    const sent = [redis.rpush(key, 'a'), redis.rpush(key, 'b'), redis.lrange(key, 0, -1)];
    expect(redis.stream.writableCorked).toBe(1);
    expect(redis.stream.writableLength).toBeGreaterThan(0);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(redis.stream.writableCorked).toBe(0);
    expect(await Promise.all(sent)).toEqual([1, 2, ['a', 'b']]);
  });

  it('sends at once what a tick has queued beyond FLUSH_BYTES', async () => {
    const redis = iso.redis;
    await redis.ping();
    writeAtEndOfTick(redis);
    const big = redis.set(`${iso.prefix}big`, 'x'.repeat(FLUSH_BYTES));
    expect(redis.stream.writableLength).toBeGreaterThanOrEqual(FLUSH_BYTES);
    writeAtEndOfTick(redis);
    expect(redis.stream.writableLength).toBeLessThan(FLUSH_BYTES);
    expect(redis.stream.writableCorked).toBe(1);
    expect(await big).toBe('OK');
    expect(redis.stream.writableCorked).toBe(0);
  });

  it('does nothing while the connection is not ready: ioredis queues the commands itself', async () => {
    const redis = iso.connect();
    expect(redis.status).not.toBe('ready');
    writeAtEndOfTick(redis);
    expect(await redis.ping()).toBe('PONG');
  });
});
