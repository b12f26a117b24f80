/**
 * The longer Sentinel failover runs (npm run test:chaos; not in the default
 * suite): sessions played through two bot processes while the primary dies,
 * with and without REDIS_WAIT_REPLICAS; and writes at full speed through the
 * failover, in sync and with the replicas cut off just before, with and
 * without it, FAILOVER_RUNS times each (default 2). Every run prints its
 * figures (docs/operations.md, "Redis Sentinel", has them).
 */
import { describeRun, playThroughFailover } from './sentinel-play';
import { describeWrites, writeThroughFailover } from './sentinel-writes';

const RUNS = Math.max(1, Number(process.env.FAILOVER_RUNS ?? 2));

describe('sessions through two bot processes while the primary dies', () => {
  it.each([
    { label: 'REDIS_WAIT_REPLICAS unset, one replica', waitReplicas: 0, replicas: 1 },
    { label: 'REDIS_WAIT_REPLICAS=1, two replicas', waitReplicas: 1, replicas: 2 },
  ])('$label', async ({ label, waitReplicas, replicas }) => {
    for (let run = 0; run < RUNS; run += 1) {
      const played = await playThroughFailover({ sessions: 6, bots: 2, waitReplicas, replicas, killAt: 0.3 + 0.2 * Math.random(), seed: Math.floor(Math.random() * 2 ** 31) });
      console.log(describeRun(`${label}, run ${run + 1}`, played));
      expect(played.closed).toBe(played.sessions);
      expect(played.probeWritesAgainMs).toBeLessThan(played.failoverMs + 3_000);
      expect(played.during.late).toBe(0);
      if (waitReplicas > 0) expect(played.lost).toBe(0);
    }
  }, RUNS * 150_000);
});

describe('writes at full speed through the failover', () => {
  it.each([
    { label: 'REDIS_WAIT_REPLICAS unset, one replica in sync', replicas: 1, waitReplicas: 0, lagMs: 0 },
    { label: 'REDIS_WAIT_REPLICAS unset, one replica cut off 300 ms before the kill', replicas: 1, waitReplicas: 0, lagMs: 300 },
    { label: 'REDIS_WAIT_REPLICAS=1, two replicas in sync', replicas: 2, waitReplicas: 1, lagMs: 0 },
    { label: 'REDIS_WAIT_REPLICAS=1, two replicas cut off 300 ms before the kill', replicas: 2, waitReplicas: 1, lagMs: 300 },
  ])('$label', async ({ label, replicas, waitReplicas, lagMs }) => {
    for (let run = 0; run < RUNS; run += 1) {
      const written = await writeThroughFailover({ replicas, waitReplicas, lagMs, writers: 16, beforeMs: 2000, afterMs: 1000 });
      console.log(describeWrites(`${label}, run ${run + 1}`, written));
      expect(written.other).toEqual([]);
      expect(written.writesAgainMs).toBeLessThan(written.failoverMs + 3_000);
      if (waitReplicas > 0) expect(written.lost).toBe(0);
    }
  }, RUNS * 60_000);
});
