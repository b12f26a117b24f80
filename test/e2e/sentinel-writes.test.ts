/**
 * What a Sentinel failover can lose, and what REDIS_WAIT_REPLICAS keeps:
 * writers commit changes as fast as the bot's store takes them, through its
 * connection for requests, while the primary is killed with SIGKILL just
 * after its replicas were cut off from it (as a network fault would) for
 * 300 ms. Without the option, what the primary acknowledged in those 300 ms
 * is gone with it; with REDIS_WAIT_REPLICAS=1 (and two replicas, so one is
 * left to wait for after the failover) nothing was acknowledged that the
 * replicas did not have, so nothing acknowledged is lost, and the writes
 * meanwhile were answered "unavailable" (the person tries again). Figures:
 * docs/operations.md, "Redis Sentinel"; the longer runs are in
 * sentinel-failover-long.test.ts (npm run test:chaos).
 */
import { describeWrites, writeThroughFailover } from './sentinel-writes';

const SHORT = { writers: 8, beforeMs: 800, afterMs: 300, lagMs: 300 };

it('without REDIS_WAIT_REPLICAS, changes the primary acknowledged while its replicas were cut off are lost with it', async () => {
  const run = await writeThroughFailover({ ...SHORT, replicas: 1, waitReplicas: 0 });
  console.log(describeWrites('REDIS_WAIT_REPLICAS unset, one replica cut off 300 ms before the kill', run));
  expect(run.whileStalled).toBeGreaterThan(0);
  // Those acknowledged while the replicas were cut off, and a few sent just before, still on their way to them.
  expect(run.lost).toBeGreaterThanOrEqual(run.whileStalled * 0.9);
  expect(run.lost).toBeLessThanOrEqual(run.nearKill);
  expect(run.other).toEqual([]);
  expect(run.writesAgainMs).toBeLessThan(run.failoverMs + 3_000);
}, 60_000);

it('with REDIS_WAIT_REPLICAS=1, nothing acknowledged is lost: what the replicas did not confirm was answered "unavailable"', async () => {
  const run = await writeThroughFailover({ ...SHORT, replicas: 2, waitReplicas: 1 });
  console.log(describeWrites('REDIS_WAIT_REPLICAS=1, two replicas cut off 300 ms before the kill', run));
  expect(run.acknowledged).toBeGreaterThan(100);
  expect(run.lost).toBe(0);
  expect(run.unavailable).toBeGreaterThan(0);
  expect(run.other).toEqual([]);
  expect(run.writesAgainMs).toBeLessThan(run.failoverMs + 3_000);
}, 60_000);
