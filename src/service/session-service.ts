import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { FormatRegistry } from '../engine/formats';
import { decide } from '../engine/decide';
import type { Command, CommandBody, Effect, Rejection, Session, UserId } from '../engine/session';
import { Scheduler, type SchedulerOptions } from '../scheduler/scheduler';
import type { TimerStore } from '../scheduler/timer-store';
import type { InFlight } from '../shutdown';
import type { MessageRef, SessionStore } from '../store/session-store';
import { EVENT_CLAIM_MS } from '../store/ttl';
import { removeDeactivated } from './deactivation';
import { Dispatcher, type DispatchResult } from './dispatch';
import { openSessionsIn, sessionOfThread, sessionShowing } from './lookups';
import { Outbox } from './outbox';
import { plainDescriber, type ErrorDescriber } from '../logging/describe-error';
import type { DeactivationNotice, Eraser, Outbound } from './ports';
import { TimerFiring } from './timer-firing';

export interface SessionServiceOptions {
  store: SessionStore;
  timers: TimerStore;
  registry: FormatRegistry;
  clock: Clock;
  logger: Logger;
  inFlight: InFlight;
  /** Where effects reach people, and how a closed session's messages are deleted (the Slack side). */
  outbound: Outbound;
  eraser: Eraser;
  /** Describes errors of the outbound side for the log; error name and code when absent. */
  describeError?: ErrorDescriber;
  /** Told after a deactivated person was removed from a session. */
  onDeactivated?: DeactivationNotice;
  /** The configured limits, for a session stored before it kept its own: closed after `idleDays` without activity, at `maxDays` at most. */
  idleDays: number;
  maxDays: number;
  scheduler?: SchedulerOptions;
  /** How often to look for outboxes and purges left behind by a crash (ms). */
  sweepIntervalMs?: number;
}

/**
 * What the Slack listeners ask of sessions: dispatch a command (its effects
 * run in the background, after the ack), create one, draw it again, remove a
 * deactivated person; and, behind them, the scheduler's timers and the
 * recovery sweep that resumes work a crash left behind. It knows no Slack:
 * effects leave through the Outbound and Eraser ports.
 */
export class SessionService {
  readonly instanceId = randomUUID();
  readonly scheduler: Scheduler;
  private readonly dispatcher: Dispatcher;
  private readonly outbox: Outbox;
  private readonly timerFiring: TimerFiring;
  private readonly describeError: ErrorDescriber;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SessionServiceOptions) {
    const { store, timers, clock, logger } = options;
    this.describeError = options.describeError ?? plainDescriber;
    this.dispatcher = new Dispatcher(store, clock, options.registry, { idleDays: options.idleDays, maxDays: options.maxDays });
    this.outbox = new Outbox({ ...options, describeError: this.describeError, instanceId: this.instanceId });
    this.timerFiring = new TimerFiring({ ...options, dispatcher: this.dispatcher, outbox: this.outbox });
    this.scheduler = new Scheduler(timers, (entry) => this.timerFiring.fire(entry), clock, logger, { describeError: this.describeError, ...options.scheduler });
  }

  /** The session as stored, or null when it closed (throws StoredSessionUnreadableError when it cannot be read). */
  load(sessionId: string): Promise<Session | null> {
    return this.options.store.load(sessionId);
  }

  /** Where the session's card was posted, if it was. */
  async card(sessionId: string): Promise<MessageRef | undefined> {
    return (await this.options.store.messages(sessionId)).card;
  }

  /** The channel's open sessions (see openSessionsIn). */
  openSessions(channel: string): Promise<Session[]> {
    return openSessionsIn(this.options.store, channel);
  }

  /** The session a message of the bot shows (its card, a prompt or a board), if any. */
  sessionShowing(channel: string, ts: string): Promise<string | undefined> {
    return sessionShowing(this.options.store, channel, ts);
  }

  /** The session whose card starts a thread, if any. */
  sessionOfThread(channel: string, threadTs: string): Promise<string | undefined> {
    return sessionOfThread(this.options.store, channel, threadTs);
  }

  /** True for the first instance to take an event of Slack's (by its event id), false for every repeat. */
  claimEvent(eventId: string): Promise<boolean> {
    return this.options.store.claimEvent(eventId, EVENT_CLAIM_MS);
  }

  /**
   * Asks the engine, without committing anything, whether a person could do
   * this now: before a modal opens, so nobody writes a question only to learn
   * that it was not their turn.
   */
  precheck(session: Session, actor: UserId, seq: number, body: CommandBody): Rejection | undefined {
    const probe = { id: `probe:${randomUUID()}`, actor, seq, ...body };
    const verdict = decide(session, probe, this.options.clock.now(), this.options.registry);
    return verdict.ok ? undefined : verdict;
  }

  /** Decides and commits a command, then runs its effects in the background. */
  async dispatch(sessionId: string, command: Command): Promise<DispatchResult> {
    const result = await this.dispatcher.dispatch(sessionId, command);
    if (result.ok && !result.duplicate) this.outbox.kick(sessionId);
    return result;
  }

  /** Stores a new session and runs its first effects (its card, invitations, its idle and max-age checks). */
  async create(session: Session, effects: Effect[]): Promise<boolean> {
    if (!(await this.options.store.create(session, effects))) return false;
    this.outbox.kick(session.id);
    return true;
  }

  /** Posts the session's card and current step again where they are missing (see Outbound.redraw). */
  async redraw(sessionId: string): Promise<'done' | 'channel-gone' | 'missing'> {
    const session = await this.options.store.load(sessionId);
    if (!session || session.status === 'closing') return 'missing';
    return this.options.outbound.redraw(session);
  }

  /** A person's account was deactivated: out of every open session in these channels (see removeDeactivated). */
  deactivated(user: UserId, channels: Iterable<string>): Promise<number> {
    const { store, logger, onDeactivated } = this.options;
    const deps = { store, logger, dispatcher: this.dispatcher, outbox: this.outbox, describeError: this.describeError };
    return removeDeactivated(onDeactivated ? { ...deps, notice: onDeactivated } : deps, user, channels);
  }

  /** Runs outboxes and purges left behind by a crash or an outage of the outside world. */
  async sweep(): Promise<void> {
    const { store, timers, eraser, logger } = this.options;
    for (const id of await store.pendingSessions()) {
      await this.outbox.drainLogged(id, 'pending effects still failing');
    }
    for (const record of await store.pendingPurges()) {
      try {
        // Under the session's lease: a purge still running (waiting on Slack's rate limits) is not started a second time.
        await this.outbox.withLease(record.sessionId, async () => {
          await timers.cancelAll(record.sessionId);
          await eraser.finish(record);
        });
      } catch (error) {
        logger.warn({ sessionId: record.sessionId, error: this.describeError(error) }, 'purge resume failed');
      }
    }
  }

  /** Starts the scheduler and the recovery sweep (once now, then periodically). */
  start(): void {
    this.scheduler.start();
    const run = (): void => {
      void this.options.inFlight.track(
        this.sweep().catch((error: unknown) => {
          this.options.logger.warn({ error: this.describeError(error) }, 'recovery sweep failed');
        }),
      );
    };
    run();
    this.sweepTimer = setInterval(run, this.options.sweepIntervalMs ?? 30_000);
    this.sweepTimer.unref();
  }

  /** Stops the scheduler and the sweep; in-flight work is awaited by the caller's InFlight. */
  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    await this.scheduler.stop();
  }
}
