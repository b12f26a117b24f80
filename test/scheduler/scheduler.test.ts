/**
 * The Scheduler on a real Redis with a hand-moved clock: deadlines fire when
 * due and not before, once, and a handler that fails gets its timer back
 * after the lease. Time only moves when a test moves it; nothing sleeps.
 */
import { ManualClock } from '../../src/clock';
import { createLogger } from '../../src/logger';
import type { Timer } from '../../src/engine/session';
import { RedisTimerStore } from '../../src/scheduler/redis-timer-store';
import { Scheduler, type SchedulerOptions, type TimerHandler } from '../../src/scheduler/scheduler';
import type { ScheduledTimer } from '../../src/scheduler/timer-store';
import { isolatedRedisOf, type RedisKind } from '../support/redis';

/** On one server and on a Redis Cluster (three primaries): the timers spread over buckets on every node. */
describe.each<RedisKind>(['single', 'cluster'])('the Scheduler on %s Redis', (kind) => {
  const iso = isolatedRedisOf(kind, `${__filename}-${kind}`);
  afterAll(() => iso.cleanup());

  const SECOND = 1000;
  const MINUTE = 60 * SECOND;
  const LEASE = 30 * SECOND;
  /** Monday 2 June 2025, 09:00 UTC. */
  const T0 = Date.UTC(2025, 5, 2, 9);

  let prefixes = 0;
  /** A timer store of its own for each test, so no test sees another's timers. */
  function freshStore(): RedisTimerStore {
    prefixes += 1;
    return new RedisTimerStore(iso.redis, { prefix: `${iso.prefix}${prefixes}:` });
  }

  /** The deadline of a tips round in an asynchronous session. */
  function roundDeadline(sessionId: string, at: number, round = 1): ScheduledTimer {
    const timer: Timer = { kind: 'round-deadline', phaseId: 'tips', round, at };
    return { sessionId, key: 'round-deadline:tips', timer };
  }

  /** A reminder for the same round. */
  function reminder(sessionId: string, at: number, stage: 'half' | 'lead'): ScheduledTimer {
    return { sessionId, key: `round-reminder:tips:${stage}`, timer: { kind: 'round-reminder', phaseId: 'tips', round: 1, stage, at } };
  }

  /** A handler that remembers what it was handed, and when (on the test's clock). */
  function recorder(clock: ManualClock): TimerHandler & { fired: Array<{ sessionId: string; key: string; at: number; firedAt: number }> } {
    const fired: Array<{ sessionId: string; key: string; at: number; firedAt: number }> = [];
    const handler = async (entry: ScheduledTimer): Promise<void> => {
      fired.push({ sessionId: entry.sessionId, key: entry.key, at: entry.timer.at, firedAt: clock.now() });
    };
    return Object.assign(handler, { fired });
  }

  const quiet = createLogger('silent');

  function schedulerOn(store: RedisTimerStore, handler: TimerHandler, clock: ManualClock, options: SchedulerOptions = {}): Scheduler {
    return new Scheduler(store, handler, clock, quiet, { leaseMs: LEASE, ...options });
  }

  describe('the scheduler fires due timers', () => {
    it("a round's deadline fires once it is due, exactly once, and is then gone", async () => {
      const clock = new ManualClock(T0);
      const store = freshStore();
      const handler = recorder(clock);
      const scheduler = schedulerOn(store, handler, clock);
      await store.schedule(roundDeadline('s1', T0 + 24 * 60 * MINUTE));

      clock.advance(24 * 60 * MINUTE);
      expect(await scheduler.tick()).toBe(1);
      expect(handler.fired).toEqual([{ sessionId: 's1', key: 'round-deadline:tips', at: T0 + 24 * 60 * MINUTE, firedAt: clock.now() }]);

      clock.advance(10 * MINUTE);
      expect(await scheduler.tick()).toBe(0);
      expect(handler.fired).toHaveLength(1);
      expect(await store.list('s1')).toEqual([]);
    });

    it('a deadline does not fire a millisecond before it is due', async () => {
      const clock = new ManualClock(T0);
      const store = freshStore();
      const handler = recorder(clock);
      const scheduler = schedulerOn(store, handler, clock);
      await store.schedule(roundDeadline('s1', T0 + MINUTE));

      clock.advance(MINUTE - 1);
      expect(await scheduler.tick()).toBe(0);
      expect(handler.fired).toEqual([]);
      expect(await store.list('s1')).toEqual([roundDeadline('s1', T0 + MINUTE)]);

      clock.advance(1);
      expect(await scheduler.tick()).toBe(1);
      expect(handler.fired.map((f) => f.key)).toEqual(['round-deadline:tips']);
    });

    it('timers due together fire earliest first, and later ones wait for their own time', async () => {
      const clock = new ManualClock(T0);
      const store = freshStore();
      const handler = recorder(clock);
      // One at a time, so the order of handling is the order of claiming.
      const scheduler = schedulerOn(store, handler, clock, { concurrency: 1 });
      await store.schedule(roundDeadline('s1', T0 + 3 * MINUTE));
      await store.schedule(reminder('s1', T0 + MINUTE, 'half'));
      await store.schedule(reminder('s1', T0 + 2 * MINUTE, 'lead'));
      await store.schedule(roundDeadline('s2', T0 + 60 * MINUTE));

      clock.advance(5 * MINUTE);
      expect(await scheduler.tick()).toBe(3);
      expect(handler.fired.map((f) => [f.sessionId, f.key])).toEqual([
        ['s1', 'round-reminder:tips:half'],
        ['s1', 'round-reminder:tips:lead'],
        ['s1', 'round-deadline:tips'],
      ]);
      expect((await store.list('s2')).map((t) => t.key)).toEqual(['round-deadline:tips']);
    });

    it('one tick fires more due timers than one claim takes, batch after batch', async () => {
      const clock = new ManualClock(T0);
      const store = freshStore();
      const handler = recorder(clock);
      const scheduler = schedulerOn(store, handler, clock, { batchSize: 4 });
      for (let n = 0; n < 10; n += 1) await store.schedule(roundDeadline(`s${n}`, T0 + n));

      clock.advance(MINUTE);
      expect(await scheduler.tick()).toBe(10);
      expect(new Set(handler.fired.map((f) => f.sessionId)).size).toBe(10);
    });

    it('never handles more timers at once than its concurrency allows', async () => {
      const clock = new ManualClock(T0);
      const store = freshStore();
      let running = 0;
      let most = 0;
      let handled = 0;
      const handler: TimerHandler = async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        handled += 1;
      };
      const scheduler = schedulerOn(store, handler, clock, { concurrency: 3 });
      for (let n = 0; n < 12; n += 1) await store.schedule(roundDeadline(`s${n}`, T0));

      await scheduler.tick();
      expect(handled).toBe(12);
      expect(most).toBe(3);
    });
  });

  describe('a handler that fails', () => {
    it('leaves its timer to fire again once the lease has run out, and not sooner', async () => {
      const clock = new ManualClock(T0);
      const store = freshStore();
      const lines: string[] = [];
      const logger = createLogger('warn', { write: (line: string) => void lines.push(line) });
      let attempts = 0;
      const handler: TimerHandler = async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('Redis went away while committing the timeout');
      };
      const scheduler = new Scheduler(store, handler, clock, logger, { leaseMs: LEASE });
      await store.schedule(roundDeadline('s1', T0));

      await scheduler.tick();
      expect(attempts).toBe(1);
      expect(lines.join('')).toContain('timer failed; will retry');

      // Still leased: neither this instance nor any other sees it yet.
      clock.advance(LEASE - 1);
      expect(await scheduler.tick()).toBe(0);
      expect(attempts).toBe(1);

      clock.advance(1);
      expect(await scheduler.tick()).toBe(1);
      expect(attempts).toBe(2);

      clock.advance(10 * LEASE);
      expect(await scheduler.tick()).toBe(0);
      expect(attempts).toBe(2);
      expect(await store.list('s1')).toEqual([]);
    });

    it('a timer its handler rescheduled (the idle check finding recent activity) fires again at the new time', async () => {
      const clock = new ManualClock(T0);
      const store = freshStore();
      const seen: number[] = [];
      const idle = (at: number): ScheduledTimer => ({ sessionId: 's1', key: 'idle::idle:', timer: { kind: 'idle', stage: 'idle', at } });
      const handler: TimerHandler = async (entry) => {
        seen.push(entry.timer.at);
        if (seen.length === 1) await store.schedule(idle(entry.timer.at + 60 * MINUTE));
      };
      const scheduler = schedulerOn(store, handler, clock);
      await store.schedule(idle(T0));

      expect(await scheduler.tick()).toBe(1);
      expect(await store.list('s1')).toEqual([idle(T0 + 60 * MINUTE)]);

      clock.advance(60 * MINUTE);
      expect(await scheduler.tick()).toBe(1);
      expect(seen).toEqual([T0, T0 + 60 * MINUTE]);
      expect(await store.list('s1')).toEqual([]);
    });

    it('a tick when Redis cannot be reached fires nothing and does not throw', async () => {
      const clock = new ManualClock(T0);
      const connection = iso.connect();
      const store = new RedisTimerStore(connection, { prefix: `${iso.prefix}down:` });
      const handler = recorder(clock);
      const scheduler = schedulerOn(store, handler, clock);
      await store.schedule(roundDeadline('s1', T0));
      connection.disconnect();

      await expect(scheduler.tick()).resolves.toBe(0);
      expect(handler.fired).toEqual([]);
    });
  });

  describe('cancelling', () => {
    it("cancelAll on a closed session cancels all of its timers, and another session's still fire", async () => {
      const clock = new ManualClock(T0);
      const store = freshStore();
      const handler = recorder(clock);
      const scheduler = schedulerOn(store, handler, clock);
      await store.schedule(reminder('closed', T0 + MINUTE, 'half'));
      await store.schedule(reminder('closed', T0 + 2 * MINUTE, 'lead'));
      await store.schedule(roundDeadline('closed', T0 + 3 * MINUTE));
      await store.schedule(roundDeadline('running', T0 + 3 * MINUTE));

      await store.cancelAll('closed');
      clock.advance(60 * MINUTE);
      expect(await scheduler.tick()).toBe(1);
      expect(handler.fired.map((f) => f.sessionId)).toEqual(['running']);
      expect(await store.list('closed')).toEqual([]);
    });
  });
});
