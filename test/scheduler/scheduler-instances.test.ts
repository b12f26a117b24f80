/**
 * Several bot processes, and restarts: two Schedulers on separate Redis
 * connections share the timers and fire each exactly once; a new process
 * started after the old one stopped fires what came due meanwhile, promptly
 * and once. The clock is moved by hand; the only real waits are short polls.
 */
import { ManualClock } from '../../src/clock';
import { createLogger } from '../../src/logger';
import { RedisTimerStore } from '../../src/scheduler/redis-timer-store';
import { Scheduler, type TimerHandler } from '../../src/scheduler/scheduler';
import type { ScheduledTimer } from '../../src/scheduler/timer-store';
import { isolatedRedisOf, type RedisKind } from '../support/redis';

/** On one server and on a Redis Cluster (three primaries): the timers spread over buckets on every node. */
describe.each<RedisKind>(['single', 'cluster'])('Schedulers of several processes on %s Redis', (kind) => {
  const iso = isolatedRedisOf(kind, `${__filename}-${kind}`);
  afterAll(() => iso.cleanup());

  const SECOND = 1000;
  const MINUTE = 60 * SECOND;
  const HOUR = 60 * MINUTE;
  const LEASE = 30 * SECOND;
  /** Monday 2 June 2025, 09:00 UTC. */
  const T0 = Date.UTC(2025, 5, 2, 9);

  const quiet = createLogger('silent');
  let prefixes = 0;

  /** A fresh corner of Redis that several "processes" (connections) share. */
  function sharedTimers(): { prefix: string; open(): RedisTimerStore } {
    prefixes += 1;
    const prefix = `${iso.prefix}${prefixes}:`;
    return { prefix, open: () => new RedisTimerStore(iso.connect(), { prefix }) };
  }

  /** Round deadlines and both reminders of `sessions` asynchronous sessions, due between `from` and `from + spreadMs`. */
  function timersOf(sessions: number, from: number, spreadMs: number): ScheduledTimer[] {
    const entries: ScheduledTimer[] = [];
    for (let s = 0; s < sessions; s += 1) {
      const sessionId = `async-${s}`;
      const at = from + Math.floor((s * spreadMs) / sessions);
      entries.push({ sessionId, key: 'round-deadline:tips', timer: { kind: 'round-deadline', phaseId: 'tips', round: 2, at } });
      entries.push({ sessionId, key: 'round-reminder:tips:half', timer: { kind: 'round-reminder', phaseId: 'tips', round: 2, stage: 'half', at } });
      entries.push({ sessionId, key: 'round-reminder:tips:lead', timer: { kind: 'round-reminder', phaseId: 'tips', round: 2, stage: 'lead', at } });
    }
    return entries;
  }

  const nameOf = (entry: ScheduledTimer): string => `${entry.sessionId}|${entry.key}`;

  /** Counts how often each timer was handed to any handler, and by which process. */
  function tally(): { handlerFor(process: string): TimerHandler; counts: Map<string, number>; byProcess: Map<string, number> } {
    const counts = new Map<string, number>();
    const byProcess = new Map<string, number>();
    return {
      counts,
      byProcess,
      handlerFor: (process) => async (entry) => {
        counts.set(nameOf(entry), (counts.get(nameOf(entry)) ?? 0) + 1);
        byProcess.set(process, (byProcess.get(process) ?? 0) + 1);
        // Yield, as a real handler waiting on Redis and Slack would, so the other process gets to claim.
        await new Promise((resolve) => setImmediate(resolve));
      },
    };
  }

  /** Polls (in real time, briefly) until `done` holds or `ms` pass. */
  async function until(done: () => boolean, ms = 5000): Promise<void> {
    const giveUp = Date.now() + ms;
    while (!done() && Date.now() < giveUp) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  describe('two bot processes on one Redis', () => {
    it('fire each of 300 deadlines and reminders exactly once between them', async () => {
      const clock = new ManualClock(T0);
      const shared = sharedTimers();
      const first = shared.open();
      const second = shared.open();
      const entries = timersOf(100, T0, MINUTE);
      for (const entry of entries) await first.schedule(entry);
      const fired = tally();
      // Small claims, so the two processes take turns and race for the same timers.
      const a = new Scheduler(first, fired.handlerFor('a'), clock, quiet, { batchSize: 7, concurrency: 4, leaseMs: LEASE });
      const b = new Scheduler(second, fired.handlerFor('b'), clock, quiet, { batchSize: 7, concurrency: 4, leaseMs: LEASE });

      clock.advance(MINUTE);
      await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);

      expect(fired.counts.size).toBe(entries.length);
      expect([...fired.counts.values()].every((n) => n === 1)).toBe(true);
      // Both processes did part of the work: the exactly-once above was earned under competition.
      expect(fired.byProcess.get('a')).toBeGreaterThan(0);
      expect(fired.byProcess.get('b')).toBeGreaterThan(0);
      expect(await a.tick()).toBe(0);
      expect(await b.tick()).toBe(0);
    });

    it('while both poll on their own, each timer still fires once', async () => {
      const clock = new ManualClock(T0);
      const shared = sharedTimers();
      const first = shared.open();
      const second = shared.open();
      const entries = timersOf(50, T0, 10 * SECOND);
      for (const entry of entries) await first.schedule(entry);
      const fired = tally();
      const options = { batchSize: 10, concurrency: 4, leaseMs: LEASE, intervalMs: 2 };
      const a = new Scheduler(first, fired.handlerFor('a'), clock, quiet, options);
      const b = new Scheduler(second, fired.handlerFor('b'), clock, quiet, options);
      a.start();
      b.start();

      clock.advance(10 * SECOND);
      await until(() => fired.counts.size === entries.length);
      // Give both a few more polls in which a second firing would show.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await Promise.all([a.stop(), b.stop()]);

      expect(fired.counts.size).toBe(entries.length);
      expect([...fired.counts.values()].every((n) => n === 1)).toBe(true);
    });
  });

  describe('after a restart', () => {
    it('deadlines that came due while no bot ran fire at the first look of the new process, once', async () => {
      const clock = new ManualClock(T0);
      const shared = sharedTimers();
      const before = tally();
      const old = new Scheduler(shared.open(), before.handlerFor('old'), clock, quiet, { leaseMs: LEASE });
      const entries = timersOf(20, T0 + HOUR, HOUR);
      const store = shared.open();
      for (const entry of entries) await store.schedule(entry);
      expect(await old.tick()).toBe(0);
      await old.stop();

      // The bot is down for three hours; every timer comes due meanwhile.
      clock.advance(3 * HOUR);
      const after = tally();
      // The new process's timer store, counting its claims: how many looks it took, not how long on this machine.
      const restartedStore = shared.open();
      const claims: number[] = [];
      const claimDue = restartedStore.claimDue.bind(restartedStore);
      restartedStore.claimDue = async (now, limit, leaseMs) => {
        const claimed = await claimDue(now, limit, leaseMs);
        claims.push(claimed.length);
        return claimed;
      };
      const restarted = new Scheduler(restartedStore, after.handlerFor('new'), clock, quiet, { leaseMs: LEASE, intervalMs: 5 });
      restarted.start();
      await until(() => after.counts.size === entries.length);
      await restarted.stop();

      expect(before.counts.size).toBe(0);
      expect(after.counts.size).toBe(entries.length);
      expect([...after.counts.values()].every((n) => n === 1)).toBe(true);
      // Every overdue timer came in the first claim of the first poll.
      expect(claims[0]).toBe(entries.length);
    });

    it('a timer the old process claimed but never acked (it crashed mid-handling) fires once more, after the lease', async () => {
      const clock = new ManualClock(T0);
      const shared = sharedTimers();
      const crashed = shared.open();
      await crashed.schedule(timersOf(1, T0, 0)[0]!);
      // The old process claimed it, then died before acking.
      expect(await crashed.claimDue(clock.now(), 10, LEASE)).toHaveLength(1);

      const fired = tally();
      const restarted = new Scheduler(shared.open(), fired.handlerFor('new'), clock, quiet, { leaseMs: LEASE });
      expect(await restarted.tick()).toBe(0);
      clock.advance(LEASE);
      expect(await restarted.tick()).toBe(1);
      clock.advance(LEASE);
      expect(await restarted.tick()).toBe(0);
      expect([...fired.counts.entries()]).toEqual([['async-0|round-deadline:tips', 1]]);
    });

    it('stop waits for the timers being handled, so a process shuts down only after their acks', async () => {
      const clock = new ManualClock(T0);
      const shared = sharedTimers();
      const store = shared.open();
      await store.schedule(timersOf(1, T0, 0)[0]!);
      let release: () => void = () => undefined;
      const handling = new Promise<void>((resolve) => {
        release = resolve;
      });
      let started = false;
      const scheduler = new Scheduler(store, async () => {
        started = true;
        await handling;
      }, clock, quiet, { leaseMs: LEASE, intervalMs: 2 });
      scheduler.start();
      await until(() => started);

      let stopped = false;
      const stopping = scheduler.stop().then(() => {
        stopped = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(stopped).toBe(true);
      expect(await store.list('async-0')).toEqual([]);
    });
  });
});
