import type { Logger } from 'pino';
import { SYSTEM, type Command, type Session } from '../engine/session';
import type { ScheduledTimer } from '../scheduler/timer-store';
import { StoredSessionUnreadableError } from '../store/crypto-codec';
import type { SessionStore } from '../store/session-store';
import type { Dispatcher } from './dispatch';
import type { Outbox } from './outbox';

export interface TimerFiringDeps {
  store: SessionStore;
  dispatcher: Dispatcher;
  outbox: Outbox;
  logger: Logger;
}

/**
 * What a due timer does: it becomes a timer command for the engine, which
 * commits, then its effects run before the scheduler acks the timer. Only a
 * session that can no longer be read is dealt with here: its idle or max-age
 * check deletes its messages without its content.
 */
export class TimerFiring {
  constructor(private readonly deps: TimerFiringDeps) {}

  /** The scheduler's handler for a due timer: the engine judges every timer, idle and max-age checks included, against the session now. */
  async fire(entry: ScheduledTimer): Promise<void> {
    const session = await this.load(entry);
    if (!session) return; // closed meanwhile, or unreadable and dealt with
    const { timer } = entry;
    await this.dispatchAndRun(session.id, { id: `timer:${entry.key}:${timer.at}`, actor: SYSTEM, seq: session.seq, kind: 'timer', timer });
  }

  /** The timer's session; a session that cannot be read is closed by its idle or max-age check, else its timer is dropped. */
  private async load(entry: ScheduledTimer): Promise<Session | null> {
    try {
      return await this.deps.store.load(entry.sessionId);
    } catch (error) {
      if (!(error instanceof StoredSessionUnreadableError)) throw error;
      const { timer } = entry;
      if (timer.kind === 'idle') {
        await this.deps.outbox.eraseUnreadable(entry.sessionId, timer.stage === 'max-age' ? 'max-age' : 'idle');
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
