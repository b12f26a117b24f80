/**
 * A budget of calls per minute for one Web API method in this workspace
 * (Slack's tiers: chat.update is Tier 3, about 50 a minute), spent before
 * Slack would answer 429. A call waits for its turn instead; waiting calls of
 * high priority (the step people act on) go before low ones (the card, later
 * board pages). While a session's call waits, its runner holds the session,
 * so what people do meanwhile is drawn once, in its latest state, when the
 * turn comes (see service/outbox.ts).
 *
 * Two rules hold together: a token bucket (a burst after a quiet spell, then
 * an even share of the minute) and at most `perMinute` calls in any 60
 * seconds, the strict reading of Slack's "N per minute", so a burst never
 * takes the bot past the tier.
 */

export type Priority = 'high' | 'low';

/** Slack counts its tiers per minute. */
const WINDOW_MS = 60_000;

interface Waiter {
  resolve: () => void;
}

export class CallBudget {
  private tokens: number;
  private last: number;
  private readonly waiting: Record<Priority, Waiter[]> = { high: [], low: [] };
  /** When the calls of the last 60 s were let through, oldest first. */
  private readonly recent: number[] = [];
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param perMinute calls allowed per minute, sustained
   * @param burst calls allowed at once after a quiet spell
   * @param onWaited told how long each call that had to wait waited (seconds)
   */
  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
    private readonly onWaited?: (seconds: number) => void,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Resolves when the call may be made. */
  take(priority: Priority): Promise<void> {
    this.refill();
    if (this.mayGo() && this.waiting.high.length === 0 && this.waiting.low.length === 0) {
      this.spend();
      return Promise.resolve();
    }
    const since = this.now();
    return new Promise((resolve) => {
      const waited = (): void => {
        this.onWaited?.((this.now() - since) / 1000);
        resolve();
      };
      this.waiting[priority].push({ resolve: waited });
      this.schedule();
    });
  }

  /** Calls waiting for their turn (for tests and the log). */
  get queued(): number {
    return this.waiting.high.length + this.waiting.low.length;
  }

  /** Whether a call may go now: a token left and fewer than `perMinute` calls in the last 60 s. */
  private mayGo(): boolean {
    const since = this.now() - WINDOW_MS;
    while (this.recent.length > 0 && (this.recent[0] ?? 0) <= since) this.recent.shift();
    return this.tokens >= 1 && this.recent.length < this.perMinute;
  }

  private spend(): void {
    this.tokens -= 1;
    this.recent.push(this.now());
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
    while (this.mayGo()) {
      const next = this.waiting.high.shift() ?? this.waiting.low.shift();
      if (!next) return;
      this.spend();
      next.resolve();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.queued === 0) return;
    const forToken = Math.ceil(((1 - this.tokens) * WINDOW_MS) / this.perMinute);
    const full = this.recent.length >= this.perMinute;
    const forWindow = full ? (this.recent[0] ?? 0) + WINDOW_MS - this.now() + 1 : 0;
    const wait = Math.max(1, forToken, forWindow);
    this.timer = setTimeout(() => this.release(), wait);
    this.timer.unref();
  }
}
