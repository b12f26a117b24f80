import { type InstanceRegistry, MemoryInstanceRegistry } from '../../src/store/instances';
import { RedisInstanceRegistry } from '../../src/store/redis/instances';
import { instancesKey } from '../../src/store/redis/keys';
import { isolatedCluster, isolatedRedis } from '../support/redis';

/**
 * The instance registry: each instance beats; one that stops is named by the
 * others once its last beat is older than the window, never before, never
 * itself, and not at all once it left on a graceful stop. Redis keeps the
 * time (TIME in the script), so the test waits for real, briefly.
 */

const WINDOW_MS = 600;
const iso = isolatedRedis(__filename);
const cluster = isolatedCluster(`${__filename}-cluster`);
afterAll(() => Promise.all([iso.cleanup(), cluster.cleanup()]));

interface Harness {
  registry: InstanceRegistry;
  elapse(ms: number): Promise<void>;
}

function registryContract(name: string, make: () => Harness): void {
  describe(name, () => {
    it('an instance beating for the first time is not steady; beating again within the window, it is', async () => {
      const { registry } = make();
      expect(await registry.beat('a', WINDOW_MS)).toEqual({ steady: false, silent: [] });
      expect(await registry.beat('a', WINDOW_MS)).toEqual({ steady: true, silent: [] });
    });

    it('names an instance that stopped beating once the window has passed, not before, and never itself', async () => {
      const { registry, elapse } = make();
      await registry.beat('a', WINDOW_MS);
      await registry.beat('b', WINDOW_MS);
      await elapse(WINDOW_MS / 3);
      expect(await registry.beat('b', WINDOW_MS)).toEqual({ steady: true, silent: [] });
      await elapse(WINDOW_MS / 3);
      expect(await registry.beat('b', WINDOW_MS)).toEqual({ steady: true, silent: [] });
      await elapse(WINDOW_MS / 2);
      expect(await registry.beat('b', WINDOW_MS)).toEqual({ steady: true, silent: ['a'] });
      // Back after a gap of its own: not steady, so it judges nobody (and b, beating, is not silent).
      expect(await registry.beat('a', WINDOW_MS)).toEqual({ steady: false, silent: [] });
    });

    it('an instance that left on a graceful stop is not named', async () => {
      const { registry, elapse } = make();
      await registry.beat('a', WINDOW_MS);
      await registry.leave('a');
      await registry.beat('b', WINDOW_MS);
      await elapse(WINDOW_MS * 1.5);
      expect((await registry.beat('b', WINDOW_MS)).silent).toEqual([]);
    });
  });
}

registryContract('on Redis', () => {
  const prefix = `${iso.prefix}${Math.random().toString(36).slice(2, 8)}:`;
  return { registry: new RedisInstanceRegistry(iso.connect(), { prefix }), elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
});

registryContract('on a Redis Cluster', () => {
  const prefix = `${cluster.prefix}${Math.random().toString(36).slice(2, 8)}:`;
  return { registry: new RedisInstanceRegistry(cluster.connect(), { prefix }), elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
});

registryContract('in memory', () => {
  let now = 1_700_000_000_000;
  return {
    registry: new MemoryInstanceRegistry(() => now),
    elapse: async (ms) => {
      now += ms;
    },
  };
});

it('on Redis, the registry is one key that expires when every instance has gone', async () => {
  const prefix = `${iso.prefix}ttl:`;
  await new RedisInstanceRegistry(iso.redis, { prefix }).beat('a', WINDOW_MS);
  expect(await iso.redis.pttl(instancesKey(prefix))).toBeGreaterThan(60_000);
});
