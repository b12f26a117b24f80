import { RedisTimerStore, sessionTimersKey, timerKeys } from '../../src/scheduler/redis-timer-store';
import type { TimerStore } from '../../src/scheduler/timer-store';
import { isolatedRedis } from '../support/redis';
import { timerStoreContract } from './timer-store.contract';

const iso = isolatedRedis(__filename);
afterAll(() => iso.cleanup());
let harnesses = 0;

describe('RedisTimerStore', () => {
  timerStoreContract(async () => {
    // Each test gets its own prefix, so their timers never mix.
    harnesses += 1;
    const prefix = `${iso.prefix}${harnesses}:`;
    const store = new RedisTimerStore(iso.connect(), { prefix });
    let other: TimerStore | undefined;
    return {
      store,
      second: () => (other ??= new RedisTimerStore(iso.connect(), { prefix })),
      cleanup: async () => undefined,
    };
  });

  describe('keys on Redis', () => {
    const prefix = `${iso.prefix}keys:`;

    it("the due set and the timer data share one hash tag, and a session's timer list carries the session's", () => {
      expect(timerKeys(prefix)).toEqual({ due: `${prefix}{timers}`, data: `${prefix}{timers}:data` });
      expect(sessionTimersKey(prefix, 's1')).toBe(`${prefix}{session:s1}:timers`);
    });

    it("a group's timers (owner id group:<id>) are listed under the group's own hash tag, and cancelled with it", async () => {
      expect(sessionTimersKey(prefix, 'group:g1')).toBe(`${prefix}{group:g1}:timers`);
      const store = new RedisTimerStore(iso.redis, { prefix });
      await store.schedule({ sessionId: 'group:g1', key: 'group:::meet', timer: { kind: 'group', stage: 'meet', slot: '2024-03-05', at: 5 } });
      expect(await iso.redis.smembers(`${prefix}{group:g1}:timers`)).toEqual(['group:g1|group:::meet']);
      expect((await store.list('group:g1')).map((t) => t.timer)).toEqual([{ kind: 'group', stage: 'meet', slot: '2024-03-05', at: 5 }]);
      await store.cancelAll('group:g1');
      expect(await iso.redis.exists(`${prefix}{group:g1}:timers`)).toBe(0);
      expect(await iso.redis.hexists(timerKeys(prefix).data, 'group:g1|group:::meet')).toBe(0);
    });

    it("a session's timer list is kept alive at least until its timer is due", async () => {
      const store = new RedisTimerStore(iso.redis, { prefix });
      const inAWeek = Date.now() + 7 * 24 * 3600 * 1000;
      await store.schedule({ sessionId: 's1', key: 'idle', timer: { kind: 'idle', at: inAWeek } });
      expect(await iso.redis.pttl(sessionTimersKey(prefix, 's1'))).toBeGreaterThan(7 * 24 * 3600 * 1000);
    });

    it('cancelAll removes every trace of the session from the timer keys', async () => {
      const store = new RedisTimerStore(iso.redis, { prefix });
      await store.schedule({ sessionId: 's2', key: 'idle', timer: { kind: 'idle', at: 1 } });
      await store.schedule({ sessionId: 's2', key: 'phase-deadline', timer: { kind: 'phase-deadline', at: 2 } });
      await store.cancelAll('s2');
      const keys = timerKeys(prefix);
      expect(await iso.redis.zrange(keys.due, 0, '-1')).not.toContain('s2|idle');
      expect(await iso.redis.hkeys(keys.data)).toEqual(expect.not.arrayContaining(['s2|idle', 's2|phase-deadline']));
      expect(await iso.redis.exists(sessionTimersKey(prefix, 's2'))).toBe(0);
    });
  });
});
