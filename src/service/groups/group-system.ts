import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { FormatRegistry } from '../../engine/formats';
import { decideGroup } from '../../engine/groups/decide-group';
import type { Group, GroupEffect } from '../../engine/groups/group';
import { openMeetings } from '../../engine/groups/meetings';
import { MISSED_AFTER_MS, groupTimers } from '../../engine/groups/queries';
import { participants } from '../../engine/queries';
import { SYSTEM, type Session, type Timer, type UserId } from '../../engine/session';
import type { TimerStore } from '../../scheduler/timer-store';
import { timerKey } from '../../scheduler/timer-store';
import type { GroupStore } from '../../store/group-store';
import type { SessionService } from '../session-service';
import type { GroupDispatcher, GroupResult } from './group-dispatch';
import { duePlan, meetingSession, proposalIdsOf, type MeetingDefaults } from './meetings';
import type { GroupOutbound } from './ports';

export interface GroupSystemDeps {
  store: GroupStore;
  dispatcher: GroupDispatcher;
  sessions: SessionService;
  timers: TimerStore;
  registry: FormatRegistry;
  clock: Clock;
  logger: Logger;
  outbound: GroupOutbound;
  defaults: MeetingDefaults;
  /** Runs a group's effects after a commit (GroupService.run). */
  run: (group: Group, effects: readonly GroupEffect[]) => Promise<void>;
}

/**
 * What the system does for a group, outside any request: its timers (the
 * asks and the reminder, sent before their commit so a retry sends nothing
 * twice; the meeting, created as a session whose id is the same for the
 * same meeting), and a meeting's close recorded. Every step may run again
 * after a crash; a failure throws, so the timer comes back.
 */
export class GroupSystem {
  constructor(private readonly deps: GroupSystemDeps) {}

  /** A group timer is due. */
  async fire(groupId: string, timer: Timer): Promise<void> {
    if (timer.stage === 'meet' && timer.slot !== undefined) {
      await this.createMeeting(groupId, timer.slot);
      return;
    }
    const { dispatcher, outbound } = this.deps;
    const result = await dispatcher.dispatch(groupId, { id: `timer:${timer.stage ?? ''}:${timer.slot ?? ''}`, actor: SYSTEM, kind: 'timer', timer }, {
      before: async (group, effects) => {
        const asked = effects.flatMap((e) => (e.type === 'ask' ? [e.user] : []));
        for (const e of effects) if (e.type === 'remind') await outbound.remind(group, e.slot);
        if (asked.length > 0 && timer.slot !== undefined) await outbound.ask(group, timer.slot, asked);
      },
    });
    if (result.ok) await this.deps.run(result.group, result.effects);
    else if (result.code === 'busy') throw new Error('busy');
    else if (result.code === 'stale') {
      // Not for the next meeting (any more), or moved: the timers are set as the group needs them now
      // (all but a meeting already due: its own timer is there, and may be firing right now).
      const group = await this.deps.store.load(groupId);
      if (group) await this.reschedule(group, this.deps.clock.now(), true);
    }
  }

  /**
   * The meeting of `slot` is due: its session is created (or found, when a
   * crash came between), then the group records it, which moves the
   * rotation on, takes the cases it holds out of the group and sets the
   * timers of the next meeting.
   */
  async createMeeting(groupId: string, slot: string): Promise<void> {
    const { store, logger, outbound, sessions } = this.deps;
    const group = await store.load(groupId);
    if (!group || group.meetings.some((m) => m.slot === slot)) return;
    const plan = duePlan(this.deps, group, slot);
    if (!plan) return this.reschedule(group);
    const place = await outbound.meetingPlace(group, [plan.facilitator, ...plan.members]);
    if (place === 'gone') {
      logger.warn({ groupId, slot }, "the group's channel can no longer be reached: its meeting is missed");
      return this.reschedule(group, plan.at + MISSED_AFTER_MS + 1);
    }
    const created = meetingSession(this.deps, group, plan, place);
    if (!created) return this.reschedule(group, plan.at + MISSED_AFTER_MS + 1);
    const stored = (await sessions.createMeeting(created.session, created.effects)) ? created.session : await sessions.stored(created.session.id);
    const result = await this.deps.dispatcher.dispatch(groupId, {
      id: `meeting:${slot}`,
      actor: SYSTEM,
      kind: 'meeting-created',
      slot,
      sessionId: created.session.id,
      facilitator: plan.facilitator,
      proposalIds: proposalIdsOf(stored, plan),
    });
    if (result.ok) {
      logger.info({ groupId, sessionId: created.session.id, slot, proposals: plan.proposals.length }, "a group's meeting was created");
      await this.deps.run(result.group, result.effects);
    } else if (result.code === 'busy') throw new Error('busy');
  }

  /** Sets the group's timers as they should be at `from` (a meeting not held: the next one's); `beforeOnly`: not a meeting already due. */
  private async reschedule(group: Group, from = this.deps.clock.now(), beforeOnly = false): Promise<void> {
    const owner = `group:${group.id}`;
    for (const timer of groupTimers(group, from)) {
      if (beforeOnly && timer.stage === 'meet' && timer.at <= from) continue;
      await this.deps.timers.schedule({ sessionId: owner, key: timerKey(timer), timer });
    }
  }

  /** The system takes a deactivated account out of a group. */
  async remove(groupId: string, user: UserId): Promise<GroupResult> {
    const result = await this.deps.dispatcher.dispatch(groupId, { id: `deactivated:${user}`, actor: SYSTEM, kind: 'remove', member: user });
    if (result.ok && !result.duplicate) await this.deps.run(result.group, result.effects);
    return result;
  }

  /** A meeting's session is closing: the group keeps how many took part. */
  async meetingClosed(session: Session): Promise<void> {
    if (!session.group) return;
    const people = participants(session).filter((user) => session.agreed.includes(user)).length;
    const result = await this.deps.dispatcher.dispatch(session.group.id, { id: `closed:${session.id}`, actor: SYSTEM, kind: 'meeting-closed', sessionId: session.id, people });
    if (result.ok) await this.deps.run(result.group, result.effects);
    else if (result.code === 'busy') throw new Error('busy');
  }

  /**
   * Whether `actor` may delete the group now: the engine's rule, where a
   * meeting counts as open only while its session is still stored (one
   * whose close was never recorded does not hold the group forever).
   */
  async mayDelete(group: Group, actor: UserId, id: string): Promise<GroupResult> {
    const open = openMeetings(group);
    const stillOpen = (await Promise.all(open.map(async (sessionId) => ((await this.deps.sessions.stored(sessionId)) ? sessionId : undefined)))).filter(Boolean);
    const judged = stillOpen.length === open.length ? group : { ...group, meetings: group.meetings.map((m) => (m.sessionId && !stillOpen.includes(m.sessionId) ? { ...m, sessionId: undefined } : m)) };
    const outcome = decideGroup(judged as Group, { id, actor, kind: 'delete' }, this.deps.clock.now());
    return outcome.ok ? { ok: true, duplicate: false, group, effects: [] } : outcome;
  }
}
