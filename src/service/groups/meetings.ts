import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { FormatRegistry } from '../../engine/formats';
import { planMeeting, type MeetingPlan } from '../../engine/groups/meetings';
import type { Group } from '../../engine/groups/group';
import { checkNewSession, newSession, type NewSession } from '../../engine/new-session';
import type { Session, SessionLimits } from '../../engine/session';
import type { MeetingPlace } from './ports';

/**
 * A meeting of a group becomes an ordinary session: the group's format and
 * way of meeting, its facilitator by the rotation, the members who are not
 * away, and, as no presenter is fixed, the cases proposed for it, so the
 * session starts by choosing one (engine/selection.ts).
 */

/** What a meeting's session takes from the configuration. */
export interface MeetingDefaults {
  limits: SessionLimits;
  reminderLeadHours: number;
}

/** The id of a meeting's session: the same for the same group and slot, so creating it twice stores one. */
export function meetingSessionId(groupId: string, slot: string): string {
  return createHash('sha256').update(`group-meeting\0${groupId}\0${slot}`).digest().subarray(0, 8).toString('base64url');
}

/** The new session's parameters for a planned meeting held at `place`. */
export function meetingParams(group: Group, plan: MeetingPlan, place: MeetingPlace, defaults: MeetingDefaults): NewSession {
  const { settings } = group;
  return {
    id: meetingSessionId(group.id, plan.slot),
    formatId: settings.formatId,
    channel: place.channel,
    title: group.name,
    createdBy: plan.facilitator,
    facilitator: plan.facilitator,
    members: plan.members,
    settings: {
      mode: settings.meeting === 'async' ? 'async' : 'live',
      ...(settings.meeting === 'call' ? { onCall: true } : {}),
      facilitatorIsMember: settings.facilitatorIsMember,
      timeboxMinutes: {},
      roundWindowHours: 24,
      workingDaysOnly: false,
      timeZone: group.cadence.zone,
      reminderLeadHours: defaults.reminderLeadHours,
      presenterCopy: true,
    },
    agreed: [],
    ...(place.openChannel ? { openChannel: true } : {}),
    proposals: plan.proposals.map((p) => ({ id: p.id, author: p.author, at: p.at, ...(p.title !== undefined ? { title: p.title } : {}) })),
    group: { id: group.id, slot: plan.slot },
    limits: defaults.limits,
  };
}

export interface MeetingDeps {
  clock: Clock;
  registry: FormatRegistry;
  logger: Logger;
  defaults: MeetingDefaults;
}

/** The meeting's session and first effects, or why there is none (logged with ids only). */
export function meetingSession(deps: MeetingDeps, group: Group, plan: MeetingPlan, place: MeetingPlace): ReturnType<typeof newSession> | undefined {
  const params = meetingParams(group, plan, place, deps.defaults);
  const problem = checkNewSession(params, deps.registry);
  if (problem) {
    deps.logger.warn({ groupId: group.id, slot: plan.slot, field: problem.field }, "a group's meeting could not be created");
    return undefined;
  }
  const created = newSession(params, deps.clock.now(), deps.registry);
  if (group.team) created.session.team = group.team;
  return created;
}

/** The plan, or undefined (with the reason logged) when the meeting is not due now. */
export function duePlan(deps: Pick<MeetingDeps, 'clock' | 'logger'>, group: Group, slot: string): MeetingPlan | undefined {
  const plan = planMeeting(group, slot, deps.clock.now());
  if ('refused' in plan) {
    deps.logger.info({ groupId: group.id, slot, why: plan.refused }, 'a meeting timer was not due');
    return undefined;
  }
  return plan;
}

/** The group's case ids the stored session took (a session created before a crash holds them). */
export function proposalIdsOf(session: Session | null, plan: MeetingPlan): string[] {
  if (!session?.selection) return plan.proposals.map((p) => p.id);
  return session.selection.proposals.map((p) => p.id).filter((id) => id.startsWith('g'));
}
