/**
 * The behaviour every TimerStore must have. Run against Redis and memory by
 * timer-store-redis.test.ts and timer-store-memory.test.ts.
 */
import type { Timer } from '../../src/engine/session';
import type { ScheduledTimer, TimerStore } from '../../src/scheduler/timer-store';

export interface TimerStoreHarness {
  store: TimerStore;
  /** Another instance on the same timers (Redis: its own connection, as a second bot process). */
  second(): TimerStore;
  cleanup(): Promise<void>;
}

const MINUTE = 60_000;
const T0 = 1_750_000_000_000;

function deadline(sessionId: string, at: number, round = 1): ScheduledTimer {
  const timer: Timer = { kind: 'round-deadline', phaseId: 'tips', round, at };
  return { sessionId, key: `round-deadline:tips`, timer };
}

function reminder(sessionId: string, at: number, stage: string): ScheduledTimer {
  return { sessionId, key: `round-reminder:${stage}`, timer: { kind: 'round-reminder', phaseId: 'tips', round: 1, stage, at } };
}

/** The timer as scheduled, whatever lease a claim added. */
const plain = (entry: ScheduledTimer): ScheduledTimer => ({ sessionId: entry.sessionId, key: entry.key, timer: entry.timer });

/** Defines the contract tests for one TimerStore implementation. */
export function timerStoreContract(makeHarness: () => Promise<TimerStoreHarness>): void {
  let h: TimerStoreHarness;
  let store: TimerStore;
  beforeEach(async () => {
    h = await makeHarness();
    store = h.store;
  });
  afterEach(() => h.cleanup());

  it("lists a session's timers earliest first, and claims none before they are due", async () => {
    await store.schedule(deadline('s1', T0 + 10 * MINUTE));
    await store.schedule(reminder('s1', T0 + 5 * MINUTE, 'half'));
    await store.schedule(reminder('s2', T0, 'half'));
    expect(await store.list('s1')).toEqual([reminder('s1', T0 + 5 * MINUTE, 'half'), deadline('s1', T0 + 10 * MINUTE)]);
    expect(await store.claimDue(T0 - 1, 10, MINUTE)).toEqual([]);
  });

  it('claims due timers earliest first, up to the limit, each with the end of its lease', async () => {
    await store.schedule(deadline('s1', T0 + 3000));
    await store.schedule(reminder('s1', T0 + 1000, 'half'));
    await store.schedule(reminder('s2', T0 + 2000, 'half'));
    await store.schedule(reminder('s3', T0 + 9 * MINUTE, 'half'));
    const claimed = await store.claimDue(T0 + 5000, 2, MINUTE);
    expect(claimed.map(plain)).toEqual([reminder('s1', T0 + 1000, 'half'), reminder('s2', T0 + 2000, 'half')]);
    expect(claimed.map((c) => c.lease)).toEqual([T0 + 5000 + MINUTE, T0 + 5000 + MINUTE]);
    expect((await store.claimDue(T0 + 5000, 10, MINUTE)).map(plain)).toEqual([deadline('s1', T0 + 3000)]);
  });

  it('scheduling the same key again replaces the timer', async () => {
    await store.schedule(deadline('s1', T0 + 10 * MINUTE, 1));
    await store.schedule(deadline('s1', T0 + 2 * MINUTE, 2));
    expect(await store.list('s1')).toEqual([deadline('s1', T0 + 2 * MINUTE, 2)]);
    expect((await store.claimDue(T0 + 3 * MINUTE, 10, MINUTE)).map(plain)).toEqual([deadline('s1', T0 + 2 * MINUTE, 2)]);
  });

  it('cancel drops one timer; cancelAll drops every timer of one session and no other', async () => {
    await store.schedule(deadline('s1', T0));
    await store.schedule(reminder('s1', T0, 'half'));
    await store.schedule(reminder('s1', T0, 'lead'));
    await store.schedule(reminder('s2', T0, 'half'));
    await store.cancel('s1', 'round-reminder:lead');
    expect((await store.list('s1')).map((t) => t.key)).toEqual(['round-deadline:tips', 'round-reminder:half']);
    await store.cancelAll('s1');
    expect(await store.list('s1')).toEqual([]);
    expect((await store.claimDue(T0, 10, MINUTE)).map(plain)).toEqual([reminder('s2', T0, 'half')]);
    await store.cancelAll('nobody');
  });

  it('a claimed timer is hidden while its lease holds, and acked it is gone for good', async () => {
    await store.schedule(deadline('s1', T0));
    const [claimed] = await store.claimDue(T0, 10, MINUTE);
    expect(await h.second().claimDue(T0 + MINUTE - 1, 10, MINUTE)).toEqual([]);
    await store.ack(claimed!);
    expect(await store.claimDue(T0 + 10 * MINUTE, 10, MINUTE)).toEqual([]);
    expect(await store.list('s1')).toEqual([]);
  });

  it('a claim nobody acked comes back once its lease has run out, and the late ack then removes nothing', async () => {
    await store.schedule(deadline('s1', T0));
    const [first] = await store.claimDue(T0, 10, MINUTE);
    const [again] = await h.second().claimDue(T0 + MINUTE, 10, MINUTE);
    expect(plain(again!)).toEqual(deadline('s1', T0));
    // The first instance wakes up and acks its expired claim: the second one's claim stands.
    await store.ack(first!);
    expect(await store.list('s1')).toEqual([deadline('s1', T0)]);
    await h.second().ack(again!);
    expect(await store.list('s1')).toEqual([]);
  });

  it('a timer rescheduled after it was claimed survives the ack of the old claim', async () => {
    await store.schedule(deadline('s1', T0, 1));
    const [claimed] = await store.claimDue(T0, 10, MINUTE);
    await store.schedule(deadline('s1', T0 + 30 * MINUTE, 2));
    await store.ack(claimed!);
    expect(await store.list('s1')).toEqual([deadline('s1', T0 + 30 * MINUTE, 2)]);
    expect((await store.claimDue(T0 + 30 * MINUTE, 10, MINUTE)).map(plain)).toEqual([deadline('s1', T0 + 30 * MINUTE, 2)]);
  });

  it('an ack without the lease removes the timer only if it still has the due time that was claimed', async () => {
    await store.schedule(deadline('s1', T0, 1));
    await store.claimDue(T0, 10, MINUTE);
    await store.ack(deadline('s2', T0));
    await store.ack(deadline('s1', T0 - 1));
    expect(await store.list('s1')).toHaveLength(1);
    await store.ack(deadline('s1', T0, 1));
    expect(await store.list('s1')).toEqual([]);
  });

  it('10,000 timers due at once, claimed in batches by two competing instances: each is claimed exactly once', async () => {
    const sessions = 400;
    const all: ScheduledTimer[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      const sessionId = `race-${i % sessions}`;
      all.push({ sessionId, key: `reminder:${i}`, timer: { kind: 'round-reminder', stage: String(i), at: T0 + (i % 7) } });
    }
    for (let i = 0; i < all.length; i += 500) await Promise.all(all.slice(i, i + 500).map((t) => store.schedule(t)));

    const claimedBy = new Map<string, number>();
    const seen: string[] = [];
    let batches = 0;
    const worker = async (instance: TimerStore, name: number) => {
      for (;;) {
        const batch = await instance.claimDue(T0 + 10, 137, 10 * MINUTE);
        // Stop when done, or when timers come back again and again (the failure this test is for).
        if (batch.length === 0 || seen.length > 2 * all.length) return;
        for (const entry of batch) {
          seen.push(`${entry.sessionId}|${entry.key}`);
          claimedBy.set(`${entry.sessionId}|${entry.key}`, name);
        }
        // Half the batches are acked, half left to their (long) lease: neither may be claimed twice.
        batches += 1;
        if (batches % 2 === 0) await Promise.all(batch.map((entry) => instance.ack(entry)));
      }
    };
    await Promise.all([worker(store, 1), worker(h.second(), 2), worker(store, 1), worker(h.second(), 2)]);

    expect(seen).toHaveLength(10_000);
    expect(new Set(seen).size).toBe(10_000);
    // Both instances got work: the claims really competed.
    expect(new Set(claimedBy.values())).toEqual(new Set([1, 2]));
  });
}
