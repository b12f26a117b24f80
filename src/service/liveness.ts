import type { Logger } from 'pino';
import type { ErrorDescriber } from '../logging/describe-error';
import type { InstanceRegistry } from '../store/instances';

/** How often an instance beats, and how long without a beat counts as dead. */
export interface LivenessTiming {
  /** Between two beats (ms). */
  beatMs: number;
  /** An instance silent this long has died (ms): a few beats, so a late one is not taken for a death. */
  windowMs: number;
  /**
   * After this instance could not beat (the store was away), how long it
   * judges nobody (ms): long enough for the others to reconnect too (their
   * reconnect backoff is capped at about 5 s), so an outage everyone saw is
   * not taken for everyone's death.
   */
  graceMs: number;
}

export const DEFAULT_LIVENESS: LivenessTiming = { beatMs: 500, windowMs: 2000, graceMs: 10_000 };

export interface LivenessDeps {
  registry: InstanceRegistry;
  instanceId: string;
  logger: Logger;
  describeError: ErrorDescriber;
  /** Told when instances stopped beating (their work is free to take), and when the store answers again after an outage. */
  onChange: (why: 'silent' | 'store-back') => void;
  timing?: Partial<LivenessTiming>;
}

/**
 * This instance's heartbeat, and its view of the others: which instances
 * stopped beating, so their leases can be taken at once (see Outbox) and the
 * work they left be run again (the recovery sweep). An instance judges the
 * others only while it is steady itself: after a gap of its own (a stalled
 * process: the others may have stalled with it and be about to beat), and
 * for a grace period after it could not reach the store, it names nobody. A
 * process that has just started judges at its first beat: that is how a
 * restart takes over what the process before it left.
 */
export class Liveness {
  private readonly timing: LivenessTiming;
  private timer: NodeJS.Timeout | undefined;
  private beating = false;
  /** No beat has succeeded or failed yet: the process has just started. */
  private fresh = true;
  /** When this instance last failed to beat; undefined while it beats. */
  private failedSince: number | undefined;
  /** No judgement before this time (Date.now), after an outage of our own. */
  private quietUntil = 0;
  private silent = new Set<string>();

  constructor(private readonly deps: LivenessDeps) {
    this.timing = { ...DEFAULT_LIVENESS, ...deps.timing };
  }

  /** Instances that stopped beating: their leases may be taken. */
  takeable(): readonly string[] {
    return [...this.silent];
  }

  /** Beats now and then every beatMs, until stop. */
  start(): void {
    if (this.timer) return;
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.timing.beatMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One beat (skipped while the last one is still under way). */
  async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      const { steady, silent } = await this.deps.registry.beat(this.deps.instanceId, this.timing.windowMs);
      this.recovered();
      this.judge((steady || this.fresh) && Date.now() >= this.quietUntil ? silent : []);
      this.fresh = false;
    } catch (error) {
      this.fresh = false;
      if (this.failedSince === undefined) {
        this.deps.logger.warn({ error: this.deps.describeError(error) }, 'heartbeat failed: judging no other instance until the store answers again');
      }
      this.failedSince ??= Date.now();
      this.silent.clear();
    } finally {
      this.beating = false;
    }
  }

  /** After an outage of our own: a grace period before judging, and the work it held up looked at again. */
  private recovered(): void {
    if (this.failedSince === undefined) return;
    this.failedSince = undefined;
    this.quietUntil = Date.now() + this.timing.graceMs;
    this.deps.onChange('store-back');
  }

  private judge(silent: string[]): void {
    const newly = silent.filter((id) => !this.silent.has(id));
    this.silent = new Set(silent);
    if (newly.length === 0) return;
    this.deps.logger.warn({ instances: newly }, 'instances stopped beating: taking over what they left');
    this.deps.onChange('silent');
  }
}
