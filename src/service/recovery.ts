import type { Logger } from 'pino';
import type { ErrorDescriber } from '../logging/describe-error';
import { noMetrics, type Metrics } from '../metrics/metrics';
import type { TimerStore } from '../scheduler/timer-store';
import type { InFlight } from '../shutdown';
import type { PurgeRecord, SessionStore } from '../store/session-store';
import type { Outbox } from './outbox';
import type { Eraser } from './ports';

/** How often the sweep looks for work left behind, besides when told (ms). */
export const DEFAULT_SWEEP_INTERVAL_MS = 30_000;
/** Sessions a sweep works on at once: enough that one waiting on Slack holds up no other, few enough to be kind to Slack and Redis after a long outage. */
const SWEEP_CONCURRENCY = 8;

/** Runs `work` on every item, at most `limit` at a time. */
async function eachAtMost<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface RecoveryDeps {
  store: SessionStore;
  timers: TimerStore;
  eraser: Eraser;
  logger: Logger;
  describeError: ErrorDescriber;
  inFlight: InFlight;
  outbox: Outbox;
  /** Where resumed and completed purges are counted; nowhere when absent. */
  metrics?: Metrics;
}

/**
 * The recovery sweep: runs the outboxes and finishes the purges that a crash
 * or an outage left behind. It runs at start, every interval, and whenever
 * told that work may have been freed: an instance stopped beating (its leases
 * can now be taken), or the store answers again after an outage.
 *
 * Sweeps may overlap, and a sweep works on several sessions at once rather
 * than one after the other, so a session waiting on Slack (a purge in its
 * Retry-After) holds up no other. Overlap is harmless: a session already
 * running in this process is asked for one more pass (Outbox.drain), a purge
 * already running here or in a live instance keeps its lease (Outbox.withLease).
 */
export class Recovery {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: RecoveryDeps) {}

  /** Runs what is pending: every session's outbox, every purge begun and not finished. */
  async sweep(): Promise<void> {
    await Promise.all([this.drains(), this.purges()]);
  }

  /** Sweeps in the background (tracked, so a stop waits for it); a failure is logged. Nothing once stopped. */
  kick(): void {
    if (this.stopped) return;
    void this.deps.inFlight.track(
      this.sweep().catch((error: unknown) => {
        this.deps.logger.warn({ error: this.deps.describeError(error) }, 'recovery sweep failed');
      }),
    );
  }

  /** Sweeps now and then every `intervalMs`, until stop. */
  start(intervalMs: number): void {
    this.kick();
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async drains(): Promise<void> {
    const { store, outbox } = this.deps;
    await eachAtMost(await store.pendingSessions(), SWEEP_CONCURRENCY, (id) => outbox.drainLogged(id, 'pending effects still failing'));
  }

  private async purges(): Promise<void> {
    const { store, timers, eraser, logger, outbox } = this.deps;
    const metrics = this.deps.metrics ?? noMetrics;
    const finish = async (record: PurgeRecord): Promise<void> => {
      try {
        // Under the session's lease: a purge still running (waiting on Slack's rate limits) is not started a second time.
        await outbox.withLease(record.sessionId, async () => {
          metrics.purge('resumed');
          await timers.cancelAll(record.sessionId);
          await eraser.finish(record);
          metrics.purge('completed');
        });
      } catch (error) {
        logger.warn({ sessionId: record.sessionId, error: this.deps.describeError(error) }, 'purge resume failed');
      }
    };
    await eachAtMost(await store.pendingPurges(), SWEEP_CONCURRENCY, finish);
  }
}
