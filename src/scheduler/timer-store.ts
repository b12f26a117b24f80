import { z } from 'zod';
import type { Timer } from '../engine/session';
import { timerSchema } from '../store/schemas';

/** A timer as kept by the scheduler. */
export interface ScheduledTimer {
  /** Whose timer: a session's id, or an id in a namespace of its own ("group:<id>"), which the handler routes by. */
  sessionId: string;
  /** Unique per session: the same key scheduled twice is one timer (the later `at` wins). */
  key: string;
  timer: Timer;
  /**
   * Set by claimDue: when the claim's lease ends (ms). ack removes the timer
   * only while it still holds this lease, so a timer rescheduled after the
   * claim survives. Pass claimed entries to ack unchanged.
   */
  lease?: number;
}

/** Durable timers: a due timer is claimed by one instance, with a lease; unacked claims come back. */
export interface TimerStore {
  schedule(entry: ScheduledTimer): Promise<void>;
  cancel(sessionId: string, key: string): Promise<void>;
  cancelAll(sessionId: string): Promise<void>;
  /** Claims up to `limit` timers due at `now`; each is hidden for `leaseMs` unless acked. */
  claimDue(now: number, limit: number, leaseMs: number): Promise<ScheduledTimer[]>;
  /** The timer's work is done: remove it (unless it was rescheduled since the claim). */
  ack(entry: ScheduledTimer): Promise<void>;
  /** Timers of one session (tests, diagnostics). */
  list(sessionId: string): Promise<ScheduledTimer[]>;
}

/** The stable key of a timer, so scheduling it twice keeps one. */
export function timerKey(timer: Timer): string {
  return [timer.kind, timer.phaseId ?? '', timer.round ?? '', timer.stage ?? ''].join(':');
}

/** A stored timer, as the timer stores write it (without the claim's lease). */
export const scheduledTimerSchema: z.ZodType<Omit<ScheduledTimer, 'lease'>> = z.object({
  sessionId: z.string(),
  key: z.string(),
  timer: timerSchema,
});
