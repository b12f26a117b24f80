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
