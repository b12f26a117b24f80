import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { noMetrics, type Metrics } from '../metrics/metrics';
import type { FormatRegistry } from '../engine/formats';
import { decide } from '../engine/decide';
import type { Command, CommandBody, Effect, Session, UserId } from '../engine/session';
import { Scheduler, type SchedulerOptions, type TimerHandler } from '../scheduler/scheduler';
import type { ScheduledTimer, TimerStore } from '../scheduler/timer-store';
import type { InFlight } from '../shutdown';
import { StoredSessionUnreadableError } from '../store/crypto-codec';
import type { InstanceRegistry } from '../store/instances';
import type { MessageRef, SessionStore } from '../store/session-store';
import { EVENT_CLAIM_MS } from '../store/ttl';
import { removeDeactivated } from './deactivation';
import { Dispatcher, refusalIn, type DispatchResult, type SessionRefusal } from './dispatch';
import { Liveness, type LivenessTiming } from './liveness';
import { openSessionsIn, sessionOfThread, sessionShowing } from './lookups';
import { Outbox } from './outbox';
import { DEFAULT_SWEEP_INTERVAL_MS, Recovery } from './recovery';
import { plainDescriber, type ErrorDescriber } from '../logging/describe-error';
import type { DeactivationNotice, Eraser, Outbound } from './ports';
import { TimerFiring } from './timer-firing';
import { forgetWorkspace } from './forget-workspace';
import { belongsTo, otherWorkspace, requestScope, type Workspaces } from './workspace';

export interface SessionServiceOptions {
  /** Where sessions are kept, for the work in the background (effects, timers, the sweep): it waits for an absent store and retries. */
  store: SessionStore;
  /**
   * The same sessions, for what a person waits on (their click, command,
   * form, event): it fails at once while the store is away, so they are told
   * in time. `store` when absent.
   */
  requestStore?: SessionStore;
  /** Who else is alive (several instances on Redis): a dead instance's leases are taken at once. Absent for a single instance. */
  instances?: InstanceRegistry;
  /** The heartbeat's timing (tests shorten it). */
  liveness?: Partial<LivenessTiming>;
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
  /** How often to look for outboxes and purges left behind by a crash (ms), besides at start and when an instance dies. */
  sweepIntervalMs?: number;
  /** One workspace (the default), or many: then each request runs in its workspace (workspace.ts) and reaches only its sessions. */
  workspaces?: Workspaces;
  /** Where dispatch times, effect lag, timer lateness and purges are reported; nowhere when absent. */
  metrics?: Metrics;
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
  /** Commits what people ask, on the request store. */
  private readonly requests: Dispatcher;
  /** Commits the system's commands (timers, deactivations), on the patient store. */
  private readonly dispatcher: Dispatcher;
  private readonly outbox: Outbox;
  private readonly recovery: Recovery;
  private readonly liveness: Liveness | undefined;
  private readonly timerFiring: TimerFiring;
  private readonly describeError: ErrorDescriber;

  constructor(private readonly options: SessionServiceOptions) {
    const { store, timers, clock, logger, instances } = options;
    const limits = { idleDays: options.idleDays, maxDays: options.maxDays };
    this.describeError = options.describeError ?? plainDescriber;
    const metrics = options.metrics ?? noMetrics;
    this.dispatcher = new Dispatcher(store, clock, options.registry, limits, { report: metrics, source: 'system' });
    this.requests = new Dispatcher(this.requestStore, clock, options.registry, limits, { report: metrics, source: 'request' });
    const liveness = instances
      ? new Liveness({ registry: instances, instanceId: this.instanceId, logger, describeError: this.describeError, onChange: () => this.recovery.kick(), timing: options.liveness })
      : undefined;
    this.liveness = liveness;
    this.outbox = new Outbox({ ...options, metrics, describeError: this.describeError, instanceId: this.instanceId, takeable: () => liveness?.takeable() ?? [] });
    this.recovery = new Recovery({ ...options, metrics, describeError: this.describeError, outbox: this.outbox });
    this.timerFiring = new TimerFiring({ ...options, dispatcher: this.dispatcher, outbox: this.outbox });
    const lateness = (kind: string, seconds: number): void => metrics.timerLateness(kind, seconds);
    this.scheduler = new Scheduler(timers, (entry) => this.fireTimer(entry), clock, logger, { describeError: this.describeError, lateness, ...options.scheduler });
  }

  /** Timers whose owner id is "<namespace>:<id>" go to that namespace's handler (a group's: "group:<id>"); the rest are sessions'. */
  private readonly timerOwners = new Map<string, TimerHandler>();

  /** Routes the timers of an owner namespace (e.g. "group") to their handler; the scheduler stays one for all. */
  routeTimers(namespace: string, handler: TimerHandler): void {
    this.timerOwners.set(namespace, handler);
  }

  private async fireTimer(entry: ScheduledTimer): Promise<void> {
    const colon = entry.sessionId.indexOf(':');
    if (colon < 0) return this.timerFiring.fire(entry);
    const handler = this.timerOwners.get(entry.sessionId.slice(0, colon));
    if (handler) return handler(entry);
    this.options.logger.warn({ timer: entry.timer.kind }, 'a timer of an owner nobody handles was dropped');
  }

  /** Where what people wait on reads and commits. */
  private get requestStore(): SessionStore {
    return this.options.requestStore ?? this.options.store;
  }

  /** Whose sessions the request being served may reach (see workspace.ts); null: none. */
  private scope(): { team: string | undefined } | null {
    return requestScope(this.options.workspaces ?? 'one');
  }

  /**
   * The session as stored, or null when it closed or belongs to another
   * workspace (throws StoredSessionUnreadableError when it cannot be read).
   */
  async load(sessionId: string): Promise<Session | null> {
    const scope = this.scope();
    if (!scope || (scope.team !== undefined && !(await this.ofTeam(sessionId, scope.team)))) return null;
    const session = await this.requestStore.load(sessionId);
    return session && belongsTo(session, scope.team) ? session : null;
  }

  /** Whether a stored session is the workspace's, read beside its content: another workspace's is never even decrypted. */
  private async ofTeam(sessionId: string, team: string): Promise<boolean> {
    return (await this.requestStore.teamOf(sessionId)) === team;
  }

  /** Where the session's card was posted, if it was. */
  async card(sessionId: string): Promise<MessageRef | undefined> {
    const scope = this.scope();
    if (!scope || (scope.team !== undefined && !(await this.ofTeam(sessionId, scope.team)))) return undefined;
    return (await this.requestStore.messages(sessionId)).card;
  }

  /** The channel's open sessions (see openSessionsIn). */
  async openSessions(channel: string): Promise<Session[]> {
    const scope = this.scope();
    return scope ? openSessionsIn(this.requestStore, channel, scope.team) : [];
  }

  /** The session a message of the bot shows (its card, a prompt or a board), if any. */
  async sessionShowing(channel: string, ts: string): Promise<string | undefined> {
    const scope = this.scope();
    return scope ? sessionShowing(this.requestStore, channel, ts, scope.team) : undefined;
  }

  /** The session whose card starts a thread, if any. */
  async sessionOfThread(channel: string, threadTs: string): Promise<string | undefined> {
    const scope = this.scope();
    return scope ? sessionOfThread(this.requestStore, channel, threadTs, scope.team) : undefined;
  }

  /** True for the first instance to take an event of Slack's (by its event id, within its workspace), false for every repeat. */
  claimEvent(eventId: string): Promise<boolean> {
    const team = this.scope()?.team;
    return this.requestStore.claimEvent(team ? `${team}:${eventId}` : eventId, EVENT_CLAIM_MS);
  }

  /**
   * Asks the engine, without committing anything, whether a person could do
   * this now: before a modal opens, so nobody writes a question only to learn
   * that it was not their turn.
   */
  precheck(session: Session, actor: UserId, seq: number, body: CommandBody): SessionRefusal | undefined {
    const probe = { id: `probe:${randomUUID()}`, actor, seq, ...body };
    const verdict = decide(session, probe, this.options.clock.now(), this.options.registry);
    return verdict.ok ? undefined : refusalIn(session, verdict);
  }

  /**
   * Decides and commits a command, then runs its effects in the background.
   * A repeat runs them too: the first may have committed after its person was
   * told the store did not answer, and nothing has run its effects since.
   */
  async dispatch(sessionId: string, command: Command): Promise<DispatchResult> {
    const scope = this.scope();
    if (!scope) return otherWorkspace;
    const result = await this.requests.dispatch(sessionId, command, scope.team);
    if (result.ok) this.outbox.kick(sessionId);
    return result;
  }

  /** Stores a new session (of the request's workspace) and runs its first effects (its card, invitations, its idle and max-age checks). */
  async create(session: Session, effects: Effect[]): Promise<boolean> {
    const scope = this.scope();
    if (!scope) return false;
    if (scope.team) session.team = scope.team;
    if (!(await this.requestStore.create(session, effects))) return false;
    this.outbox.kick(session.id);
    return true;
  }

  /**
   * Stores a group's meeting, created by the system outside any request (it
   * carries its group's workspace), and runs its first effects; false when a
   * session with its id is stored already (created before a crash).
   */
  async createMeeting(session: Session, effects: Effect[]): Promise<boolean> {
    if (!(await this.options.store.create(session, effects))) return false;
    this.outbox.kick(session.id);
    return true;
  }

  /** The session as stored, for the system (any workspace; null when gone or unreadable). */
  async stored(sessionId: string): Promise<Session | null> {
    return this.options.store.load(sessionId).catch((error: unknown) => {
      if (error instanceof StoredSessionUnreadableError) return null;
      throw error;
    });
  }

  /** Posts the session's card and current step again where they are missing (see Outbound.redraw). */
  async redraw(sessionId: string): Promise<'done' | 'channel-gone' | 'missing'> {
    const session = await this.load(sessionId);
    if (!session || session.status === 'closing') return 'missing';
    return this.options.outbound.redraw(session);
  }

  /** A person's account was deactivated: out of every open session in these channels (see removeDeactivated). */
  async deactivated(user: UserId, channels: Iterable<string>): Promise<number> {
    const { store, logger, onDeactivated } = this.options;
    const scope = this.scope();
    if (!scope) return 0;
    const deps = { store, logger, dispatcher: this.dispatcher, outbox: this.outbox, describeError: this.describeError, ...(scope.team ? { team: scope.team } : {}) };
    return removeDeactivated(onDeactivated ? { ...deps, notice: onDeactivated } : deps, user, channels);
  }

  /** The workspace `team` removed the bot or its token: every session of it closed and its stored data dropped at once (see forgetWorkspace). */
  forgetWorkspace(team: string): Promise<number> {
    const { store, timers, clock, logger } = this.options;
    return forgetWorkspace({ store, timers, clock, logger, describeError: this.describeError }, team);
  }

  /** Runs outboxes and purges left behind by a crash or an outage of the outside world (see Recovery). */
  sweep(): Promise<void> {
    return this.recovery.sweep();
  }

  /** Starts the heartbeat, the scheduler and the recovery sweep (once now, then periodically and whenever an instance dies). */
  start(): void {
    this.liveness?.start();
    this.scheduler.start();
    this.recovery.start(this.options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  }

  /** Stops the scheduler and the sweep; in-flight work is awaited by the caller's InFlight, then `leave`. */
  async stop(): Promise<void> {
    this.recovery.stop();
    await this.scheduler.stop();
  }

  /**
   * After a graceful stop, once the work in flight is done: stops the
   * heartbeat and leaves the registry, so no other instance takes this one
   * for dead. Until then it beats: its leases stay its own while it finishes.
   */
  async leave(): Promise<void> {
    this.liveness?.stop();
    await this.options.instances?.leave(this.instanceId).catch(() => undefined);
  }
}
