/**
 * A budget of calls per minute for one Web API method in this workspace
 * (Slack's tiers: chat.update is Tier 3, about 50 a minute), spent before
 * Slack would answer 429. A call waits for its turn instead; waiting calls of
 * high priority (the step people act on) go before low ones (the card, later
 * board pages). While a session's call waits, its runner holds the session,
 * so what people do meanwhile is drawn once, in its latest state, when the
 * turn comes (see service/outbox.ts).
 */

export type Priority = 'high' | 'low';

interface Waiter {
  resolve: () => void;
}

export class CallBudget {
  private tokens: number;
  private last: number;
  private readonly waiting: Record<Priority, Waiter[]> = { high: [], low: [] };
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param perMinute calls allowed per minute, sustained
   * @param burst calls allowed at once after a quiet spell
   */
  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Resolves when the call may be made. */
  take(priority: Priority): Promise<void> {
    this.refill();
    if (this.tokens >= 1 && this.waiting.high.length === 0 && this.waiting.low.length === 0) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting[priority].push({ resolve });
      this.schedule();
    });
  }

  /** Calls waiting for their turn (for tests and the log). */
  get queued(): number {
    return this.waiting.high.length + this.waiting.low.length;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perMinute) / 60_000);
    this.last = now;
  }

  /** Lets waiting calls go as tokens come, high priority first. */
  private release(): void {
    this.timer = undefined;
    this.refill();
    while (this.tokens >= 1) {
      const next = this.waiting.high.shift() ?? this.waiting.low.shift();
      if (!next) return;
      this.tokens -= 1;
      next.resolve();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.queued === 0) return;
    const wait = Math.max(1, Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute));
    this.timer = setTimeout(() => this.release(), wait);
    this.timer.unref();
  }
}
