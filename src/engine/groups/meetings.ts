import type { UserId } from '../session';
import { checkMove, isRegularSlot, occurrenceOf } from './cadence';
import { type GroupCtx, type GroupVerdict, dayName, emitGroup, redrawAndReschedule, reject } from './context';
import type { Group, GroupCommandBody, Proposal } from './group';
import { askAt, attendees, isUpcoming, nextMeeting, proposers } from './queries';
import { afterMeeting, facilitatorOf } from './rotation';
import { MINUTE_MS, type LocalDate } from './zoned-time';

/**
 * A group's meetings: skipping one, postponing the next, the timers before
 * it (members asked for cases, the group reminded), and the meeting itself,
 * which the service creates as a session (planMeeting, then
 * meeting-created) and whose close is recorded (meeting-closed).
 */

type BodyOf<K extends GroupCommandBody['kind']> = Extract<GroupCommandBody, { kind: K }>;

/** How many meetings a group remembers (their dates, formats and how many took part). */
export const MEETINGS_KEPT = 12;

const NOT_DUE = 'This timer is no longer due.';

/** A member skips one of the next meetings, or brings it back. */
export function skip(ctx: GroupCtx, cmd: BodyOf<'skip'>): GroupVerdict {
  const { g, now } = ctx;
  const skips = g.cadence.skips;
  if (!cmd.on) {
    if (!skips.includes(cmd.slot)) return reject('invalid', `The meeting of ${dayName(cmd.slot)} isn't skipped.`);
    g.cadence.skips = skips.filter((slot) => slot !== cmd.slot);
    if (!isUpcoming(g, now, cmd.slot)) {
      g.cadence.skips = skips; // too late to bring it back: it would lie in the past
      return reject('invalid', `The meeting of ${dayName(cmd.slot)} can no longer be brought back.`);
    }
  } else {
    if (!isUpcoming(g, now, cmd.slot)) return reject('invalid', 'That is not one of the next meetings.');
    g.cadence.skips = [...skips, cmd.slot].sort();
    delete g.cadence.moves[cmd.slot];
  }
  redrawAndReschedule(ctx);
  return undefined;
}

/** A member postpones the next meeting: later than planned, before the one after it. */
export function postpone(ctx: GroupCtx, cmd: BodyOf<'postpone'>): GroupVerdict {
  const { g, now } = ctx;
  const next = nextMeeting(g, now);
  if (!next || next.slot !== cmd.slot) return reject('invalid', 'Only the next meeting can be postponed.');
  const move = { date: cmd.date, time: cmd.time };
  const problem = checkMove(g.cadence, cmd.slot, move, now);
  if (problem) return reject('invalid', problem);
  g.cadence.moves[cmd.slot] = move;
  // The reminder said the old time: it comes again before the new one.
  if (g.reminded === cmd.slot) delete g.reminded;
  redrawAndReschedule(ctx);
  return undefined;
}

/** A group timer fired: ask the members for cases, or remind the group. The meeting itself is planMeeting's. */
export function onGroupTimer(ctx: GroupCtx, cmd: BodyOf<'timer'>): GroupVerdict {
  const { g, now } = ctx;
  const { timer } = cmd;
  const next = nextMeeting(g, now);
  if (timer.kind !== 'group' || !next || timer.slot !== next.slot || now >= next.at) return reject('stale', NOT_DUE);
  if (timer.stage === 'ask') {
    if (g.settings.askDays === 0 || g.asked === next.slot || now < askAt(g, next.at)) return reject('stale', NOT_DUE);
    g.asked = next.slot;
    const facilitator = facilitatorOf(g, next.slot, proposers(g));
    // Whoever facilitates the meeting brings no case to it; whoever is away is not there.
    for (const user of attendees(g, next.slot)) if (user !== facilitator) emitGroup(ctx, { type: 'ask', slot: next.slot, user });
    return undefined;
  }
  if (timer.stage === 'remind') {
    const due = next.at - g.settings.remindMinutes * MINUTE_MS;
    if (g.settings.remindMinutes === 0 || g.reminded === next.slot || now < due) return reject('stale', NOT_DUE);
    g.reminded = next.slot;
    emitGroup(ctx, { type: 'remind', slot: next.slot });
    return undefined;
  }
  return reject('invalid', NOT_DUE);
}

/** What the service needs to create a meeting's session. */
export interface MeetingPlan {
  slot: LocalDate;
  at: number;
  facilitator: UserId;
  /** Who is invited besides the facilitator (the members not away). */
  members: UserId[];
  /** The cases proposed for it: not its facilitator's, nor those of members away. */
  proposals: Proposal[];
}

/** The meeting of `slot`, when it is due now and not created yet; else why not. */
export function planMeeting(group: Group, slot: LocalDate, now: number): MeetingPlan | { refused: string } {
  const next = nextMeeting(group, now);
  if (!next || next.slot !== slot) return { refused: 'not the next meeting' };
  if (now < next.at) return { refused: 'not due yet' };
  const facilitator = facilitatorOf(group, slot, proposers(group));
  if (facilitator === undefined) return { refused: 'nobody facilitates' };
  const present = attendees(group, slot);
  const members = present.filter((user) => user !== facilitator);
  const proposals = group.proposals.filter((p) => p.author !== facilitator && present.includes(p.author)).map((p) => ({ ...p }));
  return { slot, at: next.at, facilitator, members, proposals };
}

/** Drops what concerned meetings up to `slot`: days away, swaps, skips, moves, the ask and the reminder. */
function prunePast(g: Group, slot: LocalDate): void {
  for (const [user, days] of Object.entries(g.away)) {
    const ahead = days.filter((day) => day > slot);
    if (ahead.length > 0) g.away[user] = ahead;
    else delete g.away[user];
  }
  for (const day of Object.keys(g.swaps)) if (day <= slot) delete g.swaps[day];
  for (const day of Object.keys(g.cadence.moves)) if (day <= slot) delete g.cadence.moves[day];
  g.cadence.skips = g.cadence.skips.filter((day) => day > slot);
  if (g.asked !== undefined && g.asked <= slot) delete g.asked;
  if (g.reminded !== undefined && g.reminded <= slot) delete g.reminded;
}

/** The service created the meeting's session: recorded, the facilitator goes to the end of the rotation, its cases leave the group. */
export function meetingCreated(ctx: GroupCtx, cmd: BodyOf<'meeting-created'>): GroupVerdict {
  const { g } = ctx;
  const last = g.meetings.at(-1)?.slot;
  if (last !== undefined && cmd.slot <= last) return reject('invalid', 'This meeting was created already.');
  if (!isRegularSlot(g.cadence.rule, cmd.slot)) return reject('invalid', 'That is not a meeting of this group.');
  const at = occurrenceOf(g.cadence, cmd.slot)?.at ?? ctx.now;
  g.meetings = [...g.meetings, { slot: cmd.slot, at, formatId: g.settings.formatId, meeting: g.settings.meeting, sessionId: cmd.sessionId }].slice(-MEETINGS_KEPT);
  g.rotation = afterMeeting(g.rotation, cmd.facilitator);
  g.proposals = g.proposals.filter((p) => !cmd.proposalIds.includes(p.id));
  prunePast(g, cmd.slot);
  emitGroup(ctx, { type: 'tidy', slot: cmd.slot });
  redrawAndReschedule(ctx);
  return undefined;
}

/** A meeting's session closed: the group keeps how many took part, and forgets the session. */
export function meetingClosed(ctx: GroupCtx, cmd: BodyOf<'meeting-closed'>): GroupVerdict {
  const record = ctx.g.meetings.find((m) => m.sessionId === cmd.sessionId);
  if (!record) return reject('invalid', 'That meeting is not open in this group.');
  delete record.sessionId;
  record.people = cmd.people;
  emitGroup(ctx, { type: 'card' });
  return undefined;
}

/** The sessions of the group's meetings that are still open. */
export function openMeetings(group: Group): string[] {
  return group.meetings.flatMap((m) => (m.sessionId ? [m.sessionId] : []));
}
