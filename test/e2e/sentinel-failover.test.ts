/**
 * Redis Sentinel failover, with the real bot: a primary, a replica and three
 * Sentinels on this machine; two bot processes started as deployed with
 * REDIS_SENTINELS and REDIS_SENTINEL_NAME; three sessions played by their
 * people through Slack (the emulator) while the primary is killed with
 * SIGKILL. The Sentinels promote the replica, the bot finds it and writes
 * again; meanwhile every request is answered within Slack's 3 s
 * ("temporarily unavailable" while there is no primary), and every session
 * goes on to its close. Replication is asynchronous, so a change
 * acknowledged in the last moment before the kill can be lost: the test
 * measures it and prints it, as it does the times (docs/operations.md,
 * "Redis Sentinel"). Longer runs, with and without REDIS_WAIT_REPLICAS, and
 * writes at full speed through the kill: sentinel-failover-long.test.ts
 * (npm run test:chaos).
 */
import { describeRun, playThroughFailover } from './sentinel-play';

it('the primary dies mid-session: the bot writes again soon after the failover, answers everyone meanwhile, and every session closes', async () => {
  const run = await playThroughFailover({ sessions: 3, bots: 2, waitReplicas: 0, replicas: 1, killAt: 0.35, seed: 20_250_601 });
  console.log(describeRun('REDIS_WAIT_REPLICAS unset, one replica', run));
  expect(run.failoverMs).toBeLessThan(10_000);
  // The bot looks for the new primary every half second or so: it writes within moments of the announcement.
  expect(run.probeWritesAgainMs).toBeLessThan(run.failoverMs + 3_000);
  expect(run.probe.unanswered).toBe(0);
  expect(run.during.late).toBe(0);
  expect(run.closed).toBe(run.sessions);
  // What was lost is measured, not hidden; anything else going wrong is a failure.
  expect(run.problems.filter((p) => !/acknowledged .* not in the stored session/.test(p))).toEqual([]);
}, 90_000);
