import { RedisTimerStore, sessionTimersKey } from '../../src/scheduler/redis-timer-store';
import { allBuckets, bucketKeys, bucketOf, legacyTimerKeys, TIMER_BUCKETS } from '../../src/scheduler/timer-buckets';
import type { TimerStore } from '../../src/scheduler/timer-store';
import { isolatedCluster, isolatedRedis, isolatedRedisOf, testClusterNodes, timerMembers, type RedisKind } from '../support/redis';
import { timerStoreContract } from './timer-store.contract';

let harnesses = 0;

/** The contract on one server and on a Redis Cluster: each script touches one bucket's slot, and claims span every bucket. */
describe.each<RedisKind>(['single', 'cluster'])('RedisTimerStore on %s Redis', (kind) => {
  const on = isolatedRedisOf(kind, `${__filename}-${kind}`);
  afterAll(() => on.cleanup());
  timerStoreContract(async () => {
    // Each test gets its own prefix, so their timers never mix.
    harnesses += 1;
    const prefix = `${on.prefix}${harnesses}:`;
    const store = new RedisTimerStore(on.connect(), { prefix });
    let other: TimerStore | undefined;
    return {
      store,
      second: () => (other ??= new RedisTimerStore(on.connect(), { prefix })),
      cleanup: async () => undefined,
    };
  });
});

describe('RedisTimerStore keys', () => {
  const iso = isolatedRedis(__filename);
  afterAll(() => iso.cleanup());
  const prefix = `${iso.prefix}keys:`;

  it("each bucket's due set and data share one hash tag, and a session's timer list carries the session's", () => {
    expect(bucketKeys(prefix, 3)).toEqual({ due: `${prefix}{timers-3}`, data: `${prefix}{timers-3}:data` });
    expect(allBuckets(prefix)).toHaveLength(TIMER_BUCKETS);
    expect(sessionTimersKey(prefix, 's1')).toBe(`${prefix}{session:s1}:timers`);
  });

  it('sessions spread over the buckets, and a session keeps to its own', async () => {
    const buckets = new Set(Array.from({ length: 400 }, (_, i) => bucketOf(`session-${i}`)));
    expect(buckets.size).toBe(TIMER_BUCKETS);
    const store = new RedisTimerStore(iso.redis, { prefix });
    await store.schedule({ sessionId: 's9', key: 'idle', timer: { kind: 'idle', at: 1 } });
    await store.schedule({ sessionId: 's9', key: 'phase-deadline', timer: { kind: 'phase-deadline', at: 2 } });
    const own = bucketKeys(prefix, bucketOf('s9'));
    expect(await iso.redis.zrange(own.due, '0', '-1')).toEqual(['s9|idle', 's9|phase-deadline']);
    await store.cancelAll('s9');
  });

  it('on the cluster the buckets are served by every primary, so no node holds every timer', async () => {
    const nodes = testClusterNodes();
    const cluster = isolatedCluster(`${__filename}-spread`);
    try {
      await cluster.redis.ping();
      const slots = await Promise.all(allBuckets('').map(async (bucket) => Number(await cluster.redis.call('CLUSTER', 'KEYSLOT', bucket.due))));
      const owners = new Set(slots.map((slot) => cluster.redis.slots[slot]?.[0]));
      expect(owners.size).toBe(nodes.length);
    } finally {
      await cluster.cleanup();
    }
  });

  it("a session's timer list is kept alive at least until its timer is due", async () => {
    const store = new RedisTimerStore(iso.redis, { prefix });
    const inAWeek = Date.now() + 7 * 24 * 3600 * 1000;
    await store.schedule({ sessionId: 's1', key: 'idle', timer: { kind: 'idle', at: inAWeek } });
    expect(await iso.redis.pttl(sessionTimersKey(prefix, 's1'))).toBeGreaterThan(7 * 24 * 3600 * 1000);
  });

  it("a group's timers (owner id group:<id>) are listed under the group's own hash tag, in the group's bucket, and cancelled with it", async () => {
    expect(sessionTimersKey(prefix, 'group:g1')).toBe(`${prefix}{group:g1}:timers`);
    const store = new RedisTimerStore(iso.redis, { prefix });
    await store.schedule({ sessionId: 'group:g1', key: 'group:::meet', timer: { kind: 'group', stage: 'meet', slot: '2024-03-05', at: 5 } });
    expect(await iso.redis.smembers(`${prefix}{group:g1}:timers`)).toEqual(['group:g1|group:::meet']);
    expect(await iso.redis.hexists(bucketKeys(prefix, bucketOf('group:g1')).data, 'group:g1|group:::meet')).toBe(1);
    expect((await store.list('group:g1')).map((t) => t.timer)).toEqual([{ kind: 'group', stage: 'meet', slot: '2024-03-05', at: 5 }]);
    await store.cancelAll('group:g1');
    expect(await iso.redis.exists(`${prefix}{group:g1}:timers`)).toBe(0);
    expect(await timerMembers(iso.redis, prefix)).not.toContain('group:g1|group:::meet');
    expect(await iso.redis.hexists(bucketKeys(prefix, bucketOf('group:g1')).data, 'group:g1|group:::meet')).toBe(0);
  });

  it('cancelAll removes every trace of the session from the timer keys', async () => {
    const store = new RedisTimerStore(iso.redis, { prefix });
    await store.schedule({ sessionId: 's2', key: 'idle', timer: { kind: 'idle', at: 1 } });
    await store.schedule({ sessionId: 's2', key: 'phase-deadline', timer: { kind: 'phase-deadline', at: 2 } });
    await store.cancelAll('s2');
    const keys = bucketKeys(prefix, bucketOf('s2'));
    expect(await timerMembers(iso.redis, prefix)).not.toContain('s2|idle');
    expect(await iso.redis.hkeys(keys.data)).toEqual(expect.not.arrayContaining(['s2|idle', 's2|phase-deadline']));
    expect(await iso.redis.exists(sessionTimersKey(prefix, 's2'))).toBe(0);
  });
});

describe('timers stored before the buckets', () => {
  const iso = isolatedRedis(`${__filename}-legacy`);
  afterAll(() => iso.cleanup());
  const T0 = 1_750_000_000_000;

  it('are moved into their buckets by the first claim: due ones fire, later ones wait, a claimed one keeps its claim, and one scheduled again since keeps the new time', async () => {
    const prefix = `${iso.prefix}old:`;
    const old = legacyTimerKeys(prefix);
    const json = (sessionId: string, key: string, at: number) => JSON.stringify({ sessionId, key, timer: { kind: 'idle', at } });
    // As the version before the buckets left them: one due set, one hash (a claimed timer is scored by its lease's end).
    await iso.redis.zadd(old.due, T0, 'due|idle', T0 + 3_600_000, 'later|idle', T0 + 60_000, 'claimed|idle', T0, 'moved|idle', T0, 'gone|idle');
    await iso.redis.hset(old.data, 'due|idle', json('due', 'idle', T0), 'later|idle', json('later', 'idle', T0 + 3_600_000), 'claimed|idle', json('claimed', 'idle', T0 - 1000), 'moved|idle', json('moved', 'idle', T0));
    const store = new RedisTimerStore(iso.connect(), { prefix });
    // Scheduled again by the new version before the move: its time wins.
    await store.schedule({ sessionId: 'moved', key: 'idle', timer: { kind: 'idle', at: T0 + 7_200_000 } });

    /** Claims what is due at `at`, fires it (acks it), and names whose timers they were. */
    const fire = async (at: number): Promise<Array<[string, number]>> => {
      const claimed = await store.claimDue(at, 10, 60_000);
      await Promise.all(claimed.map((t) => store.ack(t)));
      return claimed.map((t) => [t.sessionId, t.timer.at]);
    };
    expect(await fire(T0 + 1000)).toEqual([['due', T0]]);
    expect(await iso.redis.exists(old.due, old.data)).toBe(0);
    expect(await fire(T0 + 60_000)).toEqual([['claimed', T0 - 1000]]);
    expect(await fire(T0 + 3_600_000)).toEqual([['later', T0 + 3_600_000]]);
    expect(await fire(T0 + 7_200_000)).toEqual([['moved', T0 + 7_200_000]]);
    // "gone" had no data: it is dropped, not claimed for ever.
    expect(await timerMembers(iso.redis, prefix)).toEqual(expect.not.arrayContaining(['gone|idle']));
  });

  it('a move interrupted after a timer reached its bucket is finished by the next start, without firing it twice', async () => {
    const prefix = `${iso.prefix}half:`;
    const old = legacyTimerKeys(prefix);
    const body = JSON.stringify({ sessionId: 'twice', key: 'idle', timer: { kind: 'idle', at: T0 } });
    await iso.redis.zadd(old.due, T0, 'twice|idle');
    await iso.redis.hset(old.data, 'twice|idle', body);
    // Already in its bucket, and claimed there, when the process died before removing it from the old set.
    const bucket = bucketKeys(prefix, bucketOf('twice'));
    await iso.redis.zadd(bucket.due, T0 + 60_000, 'twice|idle');
    await iso.redis.hset(bucket.data, 'twice|idle', body);
    const store = new RedisTimerStore(iso.connect(), { prefix });
    expect(await store.claimDue(T0 + 1000, 10, 60_000)).toEqual([]);
    expect(await iso.redis.exists(old.due)).toBe(0);
    expect((await store.claimDue(T0 + 60_000, 10, 60_000)).map((t) => t.sessionId)).toEqual(['twice']);
  });
});
