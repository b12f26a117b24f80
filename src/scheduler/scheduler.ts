import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { plainDescriber, type ErrorDescriber } from '../logging/describe-error';
import type { ScheduledTimer, TimerStore } from './timer-store';

/** What to do with a due timer. Resolves when its effect is committed (or known to be moot). */
export type TimerHandler = (entry: ScheduledTimer) => Promise<void>;

export interface SchedulerOptions {
  /** How often to look for due timers. */
  intervalMs?: number;
  /** How many due timers one claim takes. */
  batchSize?: number;
  /** How long a claimed timer stays hidden from other instances before it is due again. */
  leaseMs?: number;
  /** How many timers are handled at once. */
  concurrency?: number;
  /** Describes a failed timer's error for the log (content-free); its name and code when absent. */
  describeError?: ErrorDescriber;
  /** Told, for each timer claimed, its kind and how late it is (seconds past its due time; the metrics). */
  lateness?: (kind: string, seconds: number) => void;
}

/**
 * Fires durable timers: claims due ones from the timer store (one instance
 * wins each claim), hands each to the handler, and acks it when done. A crash
 * before the ack lets the lease run out and the timer fire again: the engine's
 * state checks make the repeat harmless (at-least-once delivery, exactly-once effect).
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<number> | undefined;
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly describeError: ErrorDescriber;
  private readonly lateness: (kind: string, seconds: number) => void;

  constructor(
    private readonly timers: TimerStore,
    private readonly handler: TimerHandler,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: SchedulerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 250;
    this.batchSize = options.batchSize ?? 500;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.concurrency = options.concurrency ?? 32;
    this.describeError = options.describeError ?? plainDescriber;
    this.lateness = options.lateness ?? (() => undefined);
  }

  /** Starts polling. The poll timer holds nothing durable: all state is in the timer store. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.ticking) {
        this.ticking = this.fireDue().finally(() => {
          this.ticking = undefined;
        });
      }
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops polling and waits for the timers being handled. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /**
   * Fires every timer due now; returns how many this call fired. Tests call
   * this after moving the clock: it also waits for the background poll, which
   * may have claimed some of the due timers, so when it returns they have fired.
   */
  async tick(): Promise<number> {
    await this.ticking;
    const fired = await this.fireDue();
    // A poll that began meanwhile may have claimed some of them: wait for it too.
    await this.ticking;
    return fired;
  }

  private async fireDue(): Promise<number> {
    let fired = 0;
    for (;;) {
      let due: ScheduledTimer[];
      try {
        due = await this.timers.claimDue(this.clock.now(), this.batchSize, this.leaseMs);
      } catch (error) {
        this.logger.warn({ error: this.describeError(error) }, 'could not claim due timers');
        return fired;
      }
      if (due.length === 0) return fired;
      const now = this.clock.now();
      for (const entry of due) this.lateness(entry.timer.kind, Math.max(0, now - entry.timer.at) / 1000);
      await this.handleAll(due);
      fired += due.length;
      if (due.length < this.batchSize) return fired;
    }
  }

  private async handleAll(due: ScheduledTimer[]): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < due.length) {
        const entry = due[next++];
        if (entry) await this.handleOne(entry);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, worker));
  }

  private async handleOne(entry: ScheduledTimer): Promise<void> {
    try {
      await this.handler(entry);
      await this.timers.ack(entry);
    } catch (error) {
      // Not acked: the lease runs out and the timer is claimed again.
      this.logger.warn({ sessionId: entry.sessionId, timer: entry.timer.kind, error: this.describeError(error) }, 'timer failed; will retry');
    }
  }
}
