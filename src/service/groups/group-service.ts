import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { FormatRegistry } from '../../engine/formats';
import type { Group, GroupCommandBody, GroupEffect } from '../../engine/groups/group';
import { groupTimers, nextMeeting, proposalsVisibleTo, type ProposalsView } from '../../engine/groups/queries';
import { checkNewGroup, newGroup, type NewGroup, type NewGroupProblem } from '../../engine/groups/new-group';
import type { GroupRejection } from '../../engine/groups/context';
import type { Session, UserId } from '../../engine/session';
import { decideGroup } from '../../engine/groups/decide-group';
import type { ScheduledTimer, TimerStore } from '../../scheduler/timer-store';
import { timerKey } from '../../scheduler/timer-store';
import type { GroupStore } from '../../store/group-store';
import type { ErrorDescriber } from '../ports';
import type { SessionService } from '../session-service';
import { requestScope, type Workspaces } from '../workspace';
import { GroupDispatcher, type GroupResult } from './group-dispatch';
import type { MeetingDefaults } from './meetings';
import type { GroupOutbound } from './ports';
import type { InFlight } from '../../shutdown';
import { GroupSystem } from './group-system';

/** The owner id of a group's timers in the shared timer store ("group:<id>"). */
export const GROUP_TIMERS = 'group';

export function groupTimerOwner(groupId: string): string {
  return `${GROUP_TIMERS}:${groupId}`;
}

export interface GroupServiceOptions {
  /** Groups, for the work in the background (timers): waits for an absent store. */
  store: GroupStore;
  /** The same groups for what people wait on (`store` when absent). */
  requestStore?: GroupStore;
  sessions: SessionService;
  timers: TimerStore;
  registry: FormatRegistry;
  clock: Clock;
  logger: Logger;
  outbound: GroupOutbound;
  describeError: ErrorDescriber;
  /** What a meeting's session takes from the configuration. */
  defaults: MeetingDefaults;
  workspaces?: Workspaces;
  /** Tracks the effects a person's command leaves for after the answer (a shutdown and tests wait for them); run at once when absent. */
  inFlight?: InFlight;
}

/** What `/intervision group` shows a person: the group, and what they may read of its cases. */
export interface GroupView {
  group: Group;
  proposals: ProposalsView;
  now: number;
}

/**
 * What the Slack listeners ask of groups: create one, change it (a person's
 * command), show it, carry a case not chosen to the next meeting, delete it;
 * and, behind them, the group's timers (routed here from the scheduler):
 * asking members for cases, the reminder, and the meeting itself, created as
 * an ordinary session by the session service. It knows no Slack: effects
 * leave through GroupOutbound.
 */
export class GroupService {
  private readonly requests: GroupDispatcher;
  private readonly system: GroupSystem;

  constructor(private readonly options: GroupServiceOptions) {
    this.requests = new GroupDispatcher(this.requestStore, options.clock);
    this.system = new GroupSystem({ ...options, dispatcher: new GroupDispatcher(options.store, options.clock), run: (group, effects) => this.run(group, effects) });
  }

  private get requestStore(): GroupStore {
    return this.options.requestStore ?? this.options.store;
  }

  private scope(): { team: string | undefined } | null {
    return requestScope(this.options.workspaces ?? 'one');
  }

  /** Creates a group in the request's workspace; its card and first timers follow. */
  async create(params: NewGroup): Promise<{ ok: true; group: Group } | { ok: false; problem: NewGroupProblem }> {
    const scope = this.scope();
    if (!scope) return { ok: false, problem: { field: 'name', reason: 'This workspace has not installed the bot.' } };
    const problem = checkNewGroup(params, this.options.registry);
    if (problem) return { ok: false, problem };
    const { group, effects } = newGroup(params, this.options.clock.now(), this.options.registry);
    if (scope.team) group.team = scope.team;
    const stored = await this.requestStore.create(group);
    if (stored === 'channel-taken') return { ok: false, problem: { field: 'name', reason: 'This channel has a group already: type /intervision group to see it.' } };
    if (stored === 'id-taken') return { ok: false, problem: { field: 'name', reason: 'Something went wrong creating the group. Please try again.' } };
    this.options.logger.info({ groupId: group.id, members: group.members.length, rule: group.cadence.rule.kind }, 'group created');
    await this.run(group, effects);
    return { ok: true, group };
  }

  /** The id of the channel's group in the request's workspace. */
  async inChannel(channel: string): Promise<string | undefined> {
    const scope = this.scope();
    return scope ? this.requestStore.byChannel(channel, scope.team) : undefined;
  }

  /** The group as `viewer` may see it (the cases' titles only for the next meeting's facilitator); null when gone or another workspace's. */
  async view(groupId: string, viewer: UserId): Promise<GroupView | null> {
    const group = await this.reachable(groupId);
    if (!group) return null;
    const now = this.options.clock.now();
    return { group, proposals: proposalsVisibleTo(group, viewer, now), now };
  }

  private async reachable(groupId: string): Promise<Group | null> {
    const scope = this.scope();
    if (!scope) return null;
    if (scope.team !== undefined && (await this.requestStore.teamOf(groupId)) !== scope.team) return null;
    return this.requestStore.load(groupId);
  }

  /** Asks the engine, without committing, whether `actor` could do this now (before a form opens). */
  precheck(view: GroupView, actor: UserId, body: GroupCommandBody): GroupRejection | undefined {
    const outcome = decideGroup(view.group, { id: `probe:${view.now}:${Math.random()}`, actor, ...body } as Parameters<typeof decideGroup>[1], view.now);
    return outcome.ok ? undefined : outcome;
  }

  /**
   * A person's command; its effects (the timers, the card) run after the
   * answer, and a repeat runs them again. Lost with a crash, they mend
   * themselves: a timer left as it was finds the group changed when it fires
   * and sets the right ones (group-system.ts), the card is drawn at the next change.
   */
  async dispatch(groupId: string, actor: UserId, id: string, body: GroupCommandBody): Promise<GroupResult> {
    const scope = this.scope();
    if (!scope) return { ok: false, code: 'missing', reason: 'This group no longer exists.' };
    const result = await this.requests.dispatch(groupId, { id, actor, ...body } as Parameters<GroupDispatcher['dispatch']>[1], scope.team !== undefined ? { team: scope.team } : {});
    if (result.ok) this.later(this.run(result.group, result.duplicate ? [{ type: 'card' }] : result.effects), groupId);
    return result;
  }

  /** Work left for after the answer: tracked, and logged (ids only) when it fails. */
  private later(work: Promise<void>, groupId: string): void {
    const logged = work.catch((error: unknown) => this.options.logger.warn({ groupId, error: this.options.describeError(error) }, "a group's effects failed"));
    if (this.options.inFlight) void this.options.inFlight.track(logged);
  }

  /**
   * Runs a group's effects after its commit: the timers as the group needs
   * them now (derived from its state, so a repeat or a lost run is mended),
   * the card, and what a meeting's start tidies away. A timer's messages
   * (asks, the reminder) were sent before its commit.
   */
  async run(group: Group, effects: readonly GroupEffect[]): Promise<void> {
    const { timers, clock, outbound, logger, describeError } = this.options;
    const owner = groupTimerOwner(group.id);
    for (const timer of groupTimers(group, clock.now())) await timers.schedule({ sessionId: owner, key: timerKey(timer), timer });
    for (const effect of effects) {
      try {
        if (effect.type === 'card') await outbound.card(group);
        else if (effect.type === 'tidy') await outbound.tidy(group, effect.slot);
      } catch (error) {
        // The card is drawn again at the next change; a tidy left undone goes with the group.
        logger.warn({ groupId: group.id, effect: effect.type, error: describeError(error) }, 'a group effect failed');
      }
    }
  }

  /** The scheduler's handler for the group's timers. */
  fire(entry: ScheduledTimer): Promise<void> {
    return this.system.fire(entry.sessionId.slice(GROUP_TIMERS.length + 1), entry.timer);
  }

  /** A meeting's session is closing: the group keeps how many took part (before the session's data goes). */
  meetingClosed(session: Session): Promise<void> {
    return this.system.meetingClosed(session);
  }

  /**
   * The author of a case the meeting did not take carries it to the group's
   * next meeting (`carry`), or lets it go: the group gets it first, then the
   * session lets it go, so a failure in between leaves it in both, never in
   * neither (the session's copy goes at its close).
   */
  async release(sessionId: string, proposalId: string, user: UserId, carry: boolean): Promise<GroupResult | Awaited<ReturnType<SessionService['dispatch']>>> {
    const { sessions } = this.options;
    const session = await sessions.load(sessionId);
    const proposal = session?.selection?.proposals.find((p) => p.id === proposalId);
    if (session && proposal && carry && proposal.author === user && session.group) {
      const body = { kind: 'propose' as const, carried: true, ...(proposal.title !== undefined ? { title: proposal.title } : {}) };
      const carried = await this.dispatch(session.group.id, user, `carry:${sessionId}:${proposalId}`, body);
      if (!carried.ok) return carried;
    }
    return sessions.dispatch(sessionId, { id: `release:${sessionId}:${proposalId}`, actor: user, seq: session?.seq ?? 0, kind: 'release-case', proposalId, carry });
  }

  /**
   * Deletes the group: the engine says whether `actor` may (its owner, and
   * no meeting still open); then what was posted for it in Slack, its
   * timers, and every key it has.
   */
  async delete(groupId: string, actor: UserId, id: string): Promise<GroupResult> {
    const group = await this.reachable(groupId);
    if (!group) return { ok: false, code: 'missing', reason: 'This group no longer exists.' };
    const verdict = await this.system.mayDelete(group, actor, id);
    if (!verdict.ok) return verdict;
    await this.options.outbound.erase(group);
    await this.options.timers.cancelAll(groupTimerOwner(groupId));
    await this.requestStore.delete(groupId);
    this.options.logger.info({ groupId }, 'group deleted');
    return verdict;
  }

  /** A person's account was deactivated: they leave every group of the request's workspace. Returns how many. */
  async deactivated(user: UserId): Promise<number> {
    const scope = this.scope();
    if (!scope) return 0;
    let left = 0;
    for (const id of await this.options.store.list(scope.team)) {
      const result = await this.system.remove(id, user);
      if (result.ok && !result.duplicate) left += 1;
    }
    return left;
  }

  /** The workspace removed the bot: its groups' timers and stored data go at once (their messages stay: nothing can reach them). */
  async forgetWorkspace(team: string): Promise<number> {
    const ids = await this.options.store.list(team);
    for (const id of ids) {
      await this.options.timers.cancelAll(groupTimerOwner(id));
      await this.options.store.delete(id);
    }
    return ids.length;
  }

  /** The next meeting's time, for the playground's clock ("jump to the next meeting"). */
  async nextMeetingAt(groupId: string): Promise<number | undefined> {
    const group = await this.options.store.load(groupId);
    return group ? nextMeeting(group, this.options.clock.now())?.at : undefined;
  }

  /** A group's version (its seq), or undefined when it is gone. */
  async versionOf(groupId: string): Promise<number | undefined> {
    return (await this.options.store.load(groupId))?.seq;
  }

  /** Every group of the one workspace (or of `team`). */
  list(team?: string): Promise<string[]> {
    return this.options.store.list(team);
  }

  /** Runs a due meeting timer at once (tests and the playground call it through the scheduler instead). */
  createMeeting(groupId: string, slot: string): Promise<void> {
    return this.system.createMeeting(groupId, slot);
  }
}
