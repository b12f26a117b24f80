/**
 * Debounces work per key: a burst of changes for one key (one person's App
 * Home) becomes one run, `delayMs` after the first change, and runs of one
 * key are at least `minGapMs` apart. A change while a run is under way asks
 * for one more run after it (its own gap later), so the last change is never
 * lost and never drawn twice in parallel. Keys with nothing pending are
 * forgotten once their gap has passed, so the queue holds only the keys
 * active in the last `minGapMs`.
 */

export interface RefreshTiming {
  /** How long after a first change the run starts (changes in between join it). */
  delayMs: number;
  /** The least time between two runs of one key. */
  minGapMs: number;
}

/** Timers the queue uses; tests give it a fake clock (jest's modern timers mock both). */
export interface QueueClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): NodeJS.Timeout;
  clearTimeout(timer: NodeJS.Timeout): void;
}

const realClock: QueueClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (timer) => clearTimeout(timer),
};

interface Slot {
  /** The scheduled run (or, when idle, the moment the slot is forgotten). */
  timer: NodeJS.Timeout | undefined;
  running: boolean;
  /** A change came during the run: run once more after it. */
  again: boolean;
  /** When the last run started (0: never). */
  last: number;
  /** Whether `timer` is a run (true) or the forgetting of an idle slot (false). */
  scheduled: boolean;
}

export class RefreshQueue {
  private readonly slots = new Map<string, Slot>();
  private stopped = false;

  constructor(
    private readonly run: (key: string) => Promise<void>,
    private readonly timing: RefreshTiming,
    private readonly clock: QueueClock = realClock,
  ) {}

  /** Something changed for `key`: a run is due (at once after the delay, or after its gap). */
  touch(key: string): void {
    if (this.stopped) return;
    const slot = this.slots.get(key) ?? { timer: undefined, running: false, again: false, last: 0, scheduled: false };
    this.slots.set(key, slot);
    if (slot.running) {
      slot.again = true;
      return;
    }
    if (slot.scheduled) return;
    this.schedule(key, slot);
  }

  /** A run of `key` happened outside the queue just now (the person opened their home): the next one keeps its gap. */
  ranNow(key: string): void {
    if (this.stopped) return;
    const slot = this.slots.get(key) ?? { timer: undefined, running: false, again: false, last: 0, scheduled: false };
    slot.last = this.clock.now();
    this.slots.set(key, slot);
    if (!slot.running && !slot.scheduled) this.forgetLater(key, slot);
  }

  /** Keys with a run scheduled or under way (tests, and the log). */
  get pending(): number {
    return [...this.slots.values()].filter((slot) => slot.scheduled || slot.running).length;
  }

  /** Drops every scheduled run; runs under way finish, and nothing runs after them. */
  stop(): void {
    this.stopped = true;
    for (const slot of this.slots.values()) if (slot.timer) this.clock.clearTimeout(slot.timer);
    this.slots.clear();
  }

  private schedule(key: string, slot: Slot): void {
    if (slot.timer) this.clock.clearTimeout(slot.timer);
    const now = this.clock.now();
    const at = Math.max(now + this.timing.delayMs, slot.last === 0 ? 0 : slot.last + this.timing.minGapMs);
    slot.scheduled = true;
    slot.timer = this.clock.setTimeout(() => void this.fire(key, slot), at - now);
  }

  private async fire(key: string, slot: Slot): Promise<void> {
    slot.timer = undefined;
    slot.scheduled = false;
    if (this.stopped) return;
    slot.running = true;
    slot.last = this.clock.now();
    try {
      await this.run(key);
    } catch {
      // The run reports its own failures; the next change tries again.
    } finally {
      slot.running = false;
    }
    if (this.stopped) return;
    if (slot.again) {
      slot.again = false;
      this.schedule(key, slot);
    } else this.forgetLater(key, slot);
  }

  /** An idle slot is kept until its gap has passed (a change before then waits for the gap), then forgotten. */
  private forgetLater(key: string, slot: Slot): void {
    if (slot.timer) this.clock.clearTimeout(slot.timer);
    const left = Math.max(0, slot.last + this.timing.minGapMs - this.clock.now());
    slot.timer = this.clock.setTimeout(() => {
      if (this.slots.get(key) === slot && !slot.running && !slot.scheduled) this.slots.delete(key);
    }, left);
  }
}
