import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { SYSTEM, type Command, type Session } from '../engine/session';
import type { ScheduledTimer, TimerStore } from '../scheduler/timer-store';
import { StoredSessionUnreadableError } from '../store/crypto-codec';
import type { SessionStore } from '../store/session-store';
import type { Dispatcher } from './dispatch';
import type { Outbox } from './outbox';
import type { Eraser } from './ports';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The idle and max-age timers keep these keys, so rescheduling replaces them. */
export const IDLE_KEY = 'idle::idle:';
export const MAX_AGE_KEY = 'idle::max-age:';

export interface TimerFiringDeps {
  store: SessionStore;
  timers: TimerStore;
  dispatcher: Dispatcher;
  outbox: Outbox;
  eraser: Eraser;
  clock: Clock;
  logger: Logger;
  /** A session with no activity for this many days is closed and deleted. */
  idleDays: number;
  /** No session lives longer than this many days. */
  maxDays: number;
}

/**
 * What a due timer does: idle checks close abandoned sessions; the rest
 * become timer commands for the engine. Each commits, then runs its effects
 * before the scheduler acks the timer.
 */
export class TimerFiring {
  constructor(private readonly deps: TimerFiringDeps) {}

  /** Schedules a new session's idle and max-age checks. */
  async scheduleLimits(session: Session): Promise<void> {
    const { timers, idleDays, maxDays } = this.deps;
    await timers.schedule({ sessionId: session.id, key: IDLE_KEY, timer: { kind: 'idle', stage: 'idle', at: session.createdAt + idleDays * DAY_MS } });
    await timers.schedule({ sessionId: session.id, key: MAX_AGE_KEY, timer: { kind: 'idle', stage: 'max-age', at: session.createdAt + maxDays * DAY_MS } });
  }

  /** The scheduler's handler for a due timer. */
  async fire(entry: ScheduledTimer): Promise<void> {
    const session = await this.load(entry);
    if (!session) return; // closed meanwhile, or unreadable and dealt with
    const { timer } = entry;
    const id = `timer:${entry.key}:${timer.at}`;
    if (timer.kind !== 'idle') {
      await this.dispatchAndRun(session.id, { id, actor: SYSTEM, seq: session.seq, kind: 'timer', timer });
      return;
    }
    const idleMs = this.deps.idleDays * DAY_MS;
    if (timer.stage === 'idle' && session.updatedAt + idleMs > this.deps.clock.now()) {
      // There was activity: look again when the session could next have sat idle for long enough.
      await this.deps.timers.schedule({ sessionId: session.id, key: IDLE_KEY, timer: { ...timer, at: session.updatedAt + idleMs } });
      return;
    }
    await this.dispatchAndRun(session.id, { id, actor: SYSTEM, seq: session.seq, kind: 'close', reason: timer.stage === 'max-age' ? 'max-age' : 'idle' });
  }

  /** The timer's session; a session that cannot be read is closed by its idle or max-age check, else its timer is dropped. */
  private async load(entry: ScheduledTimer): Promise<Session | null> {
    try {
      return await this.deps.store.load(entry.sessionId);
    } catch (error) {
      if (!(error instanceof StoredSessionUnreadableError)) throw error;
      const { timer } = entry;
      if (timer.kind === 'idle') {
        await this.deps.timers.cancelAll(entry.sessionId);
        await this.deps.eraser.purgeUnreadable(entry.sessionId, timer.stage === 'max-age' ? 'max-age' : 'idle');
      } else {
        this.deps.logger.warn({ sessionId: entry.sessionId, timer: timer.kind }, 'a timer of a session that cannot be read was dropped');
      }
      return null;
    }
  }

  /** Commits, then runs the effects before the timer is acked. */
  private async dispatchAndRun(sessionId: string, command: Command): Promise<void> {
    const result = await this.deps.dispatcher.dispatch(sessionId, command);
    if (result.ok && !result.duplicate) await this.deps.outbox.drain(sessionId);
    else if (!result.ok && result.code === 'busy') throw new Error('busy');
  }
}
