import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { FormatRegistry } from '../engine/formats';
import { isParticipant, rolesOf } from '../engine/queries';
import { SYSTEM, type Command, type Effect, type Session, type UserId } from '../engine/session';
import { Scheduler, type SchedulerOptions } from '../scheduler/scheduler';
import type { InFlight } from '../shutdown';
import { EffectRunner } from '../slack/effects';
import { Purger } from '../slack/purge';
import { describeError } from '../slack/slack-errors';
import { StoredSessionUnreadableError } from '../store/crypto-codec';
import type { SessionStore } from '../store/session-store';
import type { ScheduledTimer, TimerStore } from '../scheduler/timer-store';
import { Dispatcher, type DispatchResult } from './dispatch';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ServicesOptions {
  store: SessionStore;
  timers: TimerStore;
  client: WebClient;
  registry: FormatRegistry;
  clock: Clock;
  logger: Logger;
  inFlight: InFlight;
  /** The bot's user id, to find its own messages in a thread. */
  botUserId: string;
  /** A session with no activity for this many days is closed and deleted. */
  idleDays: number;
  /** No session lives longer than this many days. */
  maxDays: number;
  scheduler?: SchedulerOptions;
  /** How often to look for outboxes and purges left behind by a crash (ms). */
  sweepIntervalMs?: number;
  /** Called when a session's channel is gone (archived, bot removed), e.g. to tell the facilitator. */
  onChannelGone?: (session: Session) => Promise<void>;
  /** Called when a direct message could not reach a participant, e.g. to tell the facilitator. */
  onUserGone?: (session: Session, user: UserId) => Promise<void>;
  /** Called after a deactivated person was removed from a session (with the roles they held), e.g. to tell whoever can act. */
  onDeactivated?: (session: Session, user: UserId, was: ReturnType<typeof rolesOf>) => Promise<void>;
}

/** The idle and max-age timers keep these keys, so rescheduling replaces them. */
const IDLE_KEY = 'idle::idle:';
const MAX_AGE_KEY = 'idle::max-age:';

/**
 * The bot's working parts behind the Slack listeners: dispatch a command,
 * run the effects it committed (in the background, after the ack), fire
 * timers, and resume work a crash left behind.
 */
export class Services {
  readonly dispatcher: Dispatcher;
  readonly runner: EffectRunner;
  readonly purger: Purger;
  readonly scheduler: Scheduler;
  readonly instanceId = randomUUID();
  private sweepTimer: NodeJS.Timeout | undefined;
  /** Outbox runs in progress in this process, by session; `again` asks for one more pass when it ends. */
  private readonly draining = new Map<string, { again: boolean; done: Promise<void> }>();

  constructor(readonly options: ServicesOptions) {
    const { store, timers, client, registry, clock, logger } = options;
    this.dispatcher = new Dispatcher(store, clock, registry);
    this.purger = new Purger({ store, timers, client, registry, clock, logger, botUserId: async () => options.botUserId });
    this.runner = new EffectRunner({
      store,
      timers,
      client,
      registry,
      clock,
      logger,
      purger: this.purger,
      instanceId: this.instanceId,
      ...(options.onChannelGone ? { onChannelGone: options.onChannelGone } : {}),
      ...(options.onUserGone ? { onUserGone: options.onUserGone } : {}),
    });
    this.scheduler = new Scheduler(timers, (entry) => this.fire(entry), clock, logger, options.scheduler);
  }

  get store(): SessionStore {
    return this.options.store;
  }

  get registry(): FormatRegistry {
    return this.options.registry;
  }

  get clock(): Clock {
    return this.options.clock;
  }

  /** Decides and commits a command, then runs its effects in the background. */
  async dispatch(sessionId: string, command: Command): Promise<DispatchResult> {
    const result = await this.dispatcher.dispatch(sessionId, command);
    if (result.ok && !result.duplicate) this.kick(sessionId);
    return result;
  }

  /** Stores a new session and posts its card; schedules its idle and max-age checks. */
  async create(session: Session, effects: Effect[]): Promise<boolean> {
    if (!(await this.store.create(session, effects))) return false;
    const { timers } = this.options;
    await timers.schedule({ sessionId: session.id, key: IDLE_KEY, timer: { kind: 'idle', stage: 'idle', at: session.createdAt + this.options.idleDays * DAY_MS } });
    await timers.schedule({ sessionId: session.id, key: MAX_AGE_KEY, timer: { kind: 'idle', stage: 'max-age', at: session.createdAt + this.options.maxDays * DAY_MS } });
    this.kick(session.id);
    return true;
  }

  /** Posts the session's card and current step again where they are missing (see EffectRunner.redraw). */
  redraw(sessionId: string): Promise<'done' | 'channel-gone' | 'missing'> {
    return this.runner.redraw(sessionId);
  }

  /** Runs the session's outbox in the background (tracked, so shutdown and tests can wait for it). */
  kick(sessionId: string): void {
    void this.options.inFlight.track(
      this.drain(sessionId).catch((error: unknown) => {
        this.options.logger.warn({ sessionId, error: describeError(error) }, 'effects not run; will retry');
      }),
    );
  }

  /**
   * Runs the session's outbox until it is empty. A run already going in this
   * process is asked for one more pass instead: its lease would turn a second
   * runner away, and effects committed just as the first one finished would
   * otherwise wait for the next sweep.
   */
  private drain(sessionId: string): Promise<void> {
    const running = this.draining.get(sessionId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await this.runner.run(sessionId);
        } while (state.again);
      } finally {
        this.draining.delete(sessionId);
      }
    })();
    this.draining.set(sessionId, state);
    return state.done;
  }

  /** A due timer: idle checks close abandoned sessions; the rest become timer commands for the engine. */
  private async fire(entry: ScheduledTimer): Promise<void> {
    const { timer } = entry;
    let session: Session | null;
    try {
      session = await this.store.load(entry.sessionId);
    } catch (error) {
      if (!(error instanceof StoredSessionUnreadableError)) throw error;
      // Nobody can act in it any more; its idle or max-age check closes it, deleting its messages without its content.
      if (timer.kind === 'idle') await this.purger.purgeUnreadable(entry.sessionId, timer.stage === 'max-age' ? 'max-age' : 'idle');
      else this.options.logger.warn({ sessionId: entry.sessionId, timer: timer.kind }, 'a timer of a session that cannot be read was dropped');
      return;
    }
    if (!session) return; // closed meanwhile: nothing to do
    if (timer.kind === 'idle') {
      const idleMs = this.options.idleDays * DAY_MS;
      const now = this.clock.now();
      if (timer.stage === 'idle' && session.updatedAt + idleMs > now) {
        // There was activity: look again when the session could next have sat idle for long enough.
        await this.options.timers.schedule({ sessionId: session.id, key: IDLE_KEY, timer: { ...timer, at: session.updatedAt + idleMs } });
        return;
      }
      await this.dispatchAndRun(session.id, {
        id: `timer:${entry.key}:${timer.at}`,
        actor: SYSTEM,
        seq: session.seq,
        kind: 'close',
        reason: timer.stage === 'max-age' ? 'max-age' : 'idle',
      });
      return;
    }
    await this.dispatchAndRun(session.id, { id: `timer:${entry.key}:${timer.at}`, actor: SYSTEM, seq: session.seq, kind: 'timer', timer });
  }

  /** For timers: commit, then run the effects before the timer is acked. */
  private async dispatchAndRun(sessionId: string, command: Command): Promise<void> {
    const result = await this.dispatcher.dispatch(sessionId, command);
    if (result.ok && !result.duplicate) await this.drain(sessionId);
    else if (!result.ok && result.code === 'busy') throw new Error('busy');
  }

  /**
   * A person's Slack account was deactivated: every open session in these
   * channels that they take part in gets the system's removal (the engine
   * decides what it means for their role), its effects are run, and
   * `onDeactivated` hears of it. Deactivation is rare, so the channels'
   * indexes are simply read one by one. A session that fails is logged and
   * skipped; the others go on. Returns how many sessions were told.
   */
  async deactivated(user: UserId, channels: Iterable<string>): Promise<number> {
    const { logger } = this.options;
    let told = 0;
    for (const channel of new Set(channels)) {
      for (const id of await this.store.listByChannel(channel)) {
        try {
          if (await this.removeDeactivated(id, user)) told += 1;
        } catch (error) {
          logger.warn({ sessionId: id, error: describeError(error) }, 'could not remove a deactivated participant');
        }
      }
    }
    return told;
  }

  /** One session's part of `deactivated`; false when the person does not take part in it (or it is closing or unreadable). */
  private async removeDeactivated(sessionId: string, user: UserId): Promise<boolean> {
    let before: Session | null;
    try {
      before = await this.store.load(sessionId);
    } catch (error) {
      if (error instanceof StoredSessionUnreadableError) return false;
      throw error;
    }
    if (!before || before.status === 'closing' || !isParticipant(before, user)) return false;
    const result = await this.dispatcher.dispatch(sessionId, {
      // One id per person and session: Slack's repeats and retries are duplicates.
      id: `deactivated:${user}`,
      actor: SYSTEM,
      seq: before.seq,
      kind: 'remove',
      member: user,
      reason: 'deactivated',
    });
    if (!result.ok) {
      this.options.logger.info({ sessionId, code: result.code }, 'a deactivated participant was not removed');
      return false;
    }
    // The thread and the card first, then the direct message that explains them.
    if (!result.duplicate) {
      await this.drain(sessionId).catch((error: unknown) => {
        this.options.logger.warn({ sessionId, error: describeError(error) }, 'effects not run; will retry');
      });
    }
    await this.options.onDeactivated?.(result.session, user, rolesOf(before, user));
    return true;
  }

  /** Runs outboxes and purges left behind by a crash or a Slack outage. */
  async sweep(): Promise<void> {
    for (const id of await this.store.pendingSessions()) {
      await this.drain(id).catch((error: unknown) => {
        this.options.logger.warn({ sessionId: id, error: describeError(error) }, 'pending effects still failing');
      });
    }
    await this.purger.resumeAll();
  }

  /** Starts the scheduler and the recovery sweep (once now, then periodically). */
  start(): void {
    this.scheduler.start();
    const run = (): void => {
      void this.options.inFlight.track(this.sweep().catch((error: unknown) => {
        this.options.logger.warn({ error: describeError(error) }, 'recovery sweep failed');
      }));
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
