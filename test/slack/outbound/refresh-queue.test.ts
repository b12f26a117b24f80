import { type QueueClock, RefreshQueue } from '../../../src/slack/outbound/refresh-queue';

/** A hand-moved clock with its own timers: time passes only when the test says. */
class FakeClock implements QueueClock {
  private time = 1_000_000;
  private next = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): NodeJS.Timeout {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id as unknown as NodeJS.Timeout;
  }

  clearTimeout(timer: NodeJS.Timeout): void {
    this.timers.delete(timer as unknown as number);
  }

  get waiting(): number {
    return this.timers.size;
  }

  /** Moves time forward, firing each timer due on the way (in order), and lets the runs they start finish. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].fn();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
    this.time = until;
  }
}

describe('the refresh queue (one App Home per key)', () => {
  let clock: FakeClock;
  let runs: Array<{ key: string; at: number }>;
  let queue: RefreshQueue;
  beforeEach(() => {
    clock = new FakeClock();
    runs = [];
    queue = new RefreshQueue(async (key) => {
      runs.push({ key, at: clock.now() });
    }, { delayMs: 500, minGapMs: 5_000 }, clock);
  });

  it('coalesces a burst of changes into one run after the delay', async () => {
    const start = clock.now();
    for (let i = 0; i < 20; i++) queue.touch('alice');
    await clock.advance(499);
    expect(runs).toEqual([]);
    await clock.advance(1);
    expect(runs).toEqual([{ key: 'alice', at: start + 500 }]);
    await clock.advance(10_000);
    expect(runs).toHaveLength(1);
  });

  it('keeps runs of one key at least the gap apart, and never loses the last change', async () => {
    const start = clock.now();
    queue.touch('alice');
    await clock.advance(600);
    queue.touch('alice');
    queue.touch('alice');
    await clock.advance(4_000);
    expect(runs.map((r) => r.at)).toEqual([start + 500]);
    await clock.advance(1_000);
    expect(runs.map((r) => r.at)).toEqual([start + 500, start + 5_500]);
    // Long after the gap, a change runs after the delay again.
    await clock.advance(20_000);
    queue.touch('alice');
    await clock.advance(500);
    expect(runs).toHaveLength(3);
    expect(runs[2]!.at - runs[1]!.at).toBeGreaterThanOrEqual(5_000);
  });

  it('a change during a run asks for one more run after it; keys do not wait for each other', async () => {
    let release: () => void = () => undefined;
    const slow = new RefreshQueue(
      (key) => {
        runs.push({ key, at: clock.now() });
        return key === 'alice' && runs.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      },
      { delayMs: 100, minGapMs: 1_000 },
      clock,
    );
    slow.touch('alice');
    await clock.advance(100);
    slow.touch('alice');
    slow.touch('bob');
    await clock.advance(100);
    expect(runs.map((r) => r.key)).toEqual(['alice', 'bob']);
    expect(slow.pending).toBe(1);
    release();
    await clock.advance(1);
    await clock.advance(2_000);
    expect(runs.map((r) => r.key)).toEqual(['alice', 'bob', 'alice']);
  });

  it('a home published on opening counts as a run: the next change keeps its gap', async () => {
    const start = clock.now();
    queue.ranNow('alice');
    queue.touch('alice');
    await clock.advance(4_999);
    expect(runs).toEqual([]);
    await clock.advance(1);
    expect(runs).toEqual([{ key: 'alice', at: start + 5_000 }]);
  });

  it('forgets idle keys once their gap has passed, and runs nothing after stop', async () => {
    queue.touch('alice');
    queue.touch('bob');
    await clock.advance(500);
    await clock.advance(5_000);
    expect(clock.waiting).toBe(0);
    queue.touch('carol');
    queue.stop();
    await clock.advance(10_000);
    expect(runs.map((r) => r.key).sort()).toEqual(['alice', 'bob']);
    queue.touch('dave');
    expect(clock.waiting).toBe(0);
  });

  it('with many people, each is run once per burst and the queue stays small', async () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 500; i++) queue.touch(`U${i}`);
      await clock.advance(100);
    }
    await clock.advance(1_000);
    expect(runs).toHaveLength(500);
    expect(new Set(runs.map((r) => r.key)).size).toBe(500);
    await clock.advance(10_000);
    expect(queue.pending).toBe(0);
    expect(clock.waiting).toBe(0);
  });
});
