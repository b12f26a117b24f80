import type { Timer, UserId } from '../session';
import { occurrencesFrom, type Occurrence } from './cadence';
import type { Group, Proposal } from './group';
import { facilitatorOf, isAway, rota } from './rotation';
import { DAY_MS, HOUR_MS, MINUTE_MS, type LocalDate } from './zoned-time';

/**
 * Small pure questions about a group: its next meetings and who facilitates
 * them, the timers it needs, and who may read which proposed case.
 */

/** A meeting the bot did not create within this long after its time (it was down) is missed, not held late. */
export const MISSED_AFTER_MS = 6 * HOUR_MS;
/** How many meetings ahead a member may mark themselves away, or skip. */
export const UPCOMING = 8;

/** The slot of the last meeting created, if any. */
function lastSlot(group: Group): LocalDate | undefined {
  return group.meetings.at(-1)?.slot;
}

/** Up to `count` meetings to come: not created yet, not skipped, and not missed (see MISSED_AFTER_MS). */
export function upcoming(group: Group, now: number, count: number): Occurrence[] {
  const from = Math.max(group.createdAt, now - MISSED_AFTER_MS);
  const last = lastSlot(group);
  const found = occurrencesFrom(group.cadence, from, count + 1).filter((o) => last === undefined || o.slot > last);
  return found.slice(0, count);
}

/** The next meeting to create; undefined only for a rule without meetings (none is accepted). */
export function nextMeeting(group: Group, now: number): Occurrence | undefined {
  return upcoming(group, now, 1)[0];
}

/** Whether `slot` is one of the next meetings (UPCOMING). */
export function isUpcoming(group: Group, now: number, slot: LocalDate): boolean {
  return upcoming(group, now, UPCOMING).some((o) => o.slot === slot);
}

/** Who brings a case to the next meeting (and so cannot facilitate it), but `except`. */
export function proposers(group: Group, except?: UserId): UserId[] {
  return group.proposals.map((p) => p.author).filter((user) => user !== except);
}

/** Who facilitates each of the next meetings, as the rotation will give them. */
export function upcomingRota(group: Group, now: number, count = UPCOMING): Array<{ occurrence: Occurrence; facilitator: UserId | undefined }> {
  const next = upcoming(group, now, count);
  const planned = rota(group, next.map((o) => o.slot), proposers(group));
  return next.map((occurrence, i) => ({ occurrence, facilitator: planned[i]?.facilitator }));
}

/** Who facilitates the meeting of `slot` (one of the upcoming), as the rotation will give it. */
export function facilitatorFor(group: Group, now: number, slot: LocalDate): UserId | undefined {
  return upcomingRota(group, now).find((entry) => entry.occurrence.slot === slot)?.facilitator;
}

/** Who facilitates the next meeting. */
export function nextFacilitator(group: Group, now: number): UserId | undefined {
  const next = nextMeeting(group, now);
  return next ? facilitatorOf(group, next.slot, proposers(group)) : undefined;
}

/** The members invited to a meeting: everyone but those away for it. */
export function attendees(group: Group, slot: LocalDate): UserId[] {
  return group.members.filter((user) => !isAway(group, user, slot));
}

/**
 * The timers the group needs now: ask for cases, remind, and create the next
 * meeting. Once the meeting is due, only its own timer is left: the ask and
 * the reminder are for before it.
 */
export function groupTimers(group: Group, now: number): Timer[] {
  const next = nextMeeting(group, now);
  if (!next) return [];
  const { slot, at } = next;
  const timers: Timer[] = [{ kind: 'group', stage: 'meet', slot, at }];
  if (now >= at) return timers;
  const { askDays, remindMinutes } = group.settings;
  if (askDays > 0 && group.asked !== slot) timers.push({ kind: 'group', stage: 'ask', slot, at: askAt(group, at) });
  if (remindMinutes > 0 && group.reminded !== slot) timers.push({ kind: 'group', stage: 'remind', slot, at: at - remindMinutes * MINUTE_MS });
  return timers;
}

/** When members are asked for cases for a meeting at `at` (never before the group existed). */
export function askAt(group: Group, at: number): number {
  return Math.max(group.createdAt, at - group.settings.askDays * DAY_MS);
}

/**
 * What `viewer` may read of the cases proposed for the next meeting. Before
 * the meeting only its facilitator reads the titles; a member sees their own
 * case and how many there are; anyone else sees nothing of them.
 */
export type ProposalsView =
  | { can: 'all'; proposals: Proposal[] }
  | { can: 'own'; own?: Proposal; count: number }
  | { can: 'none' };

export function proposalsVisibleTo(group: Group, viewer: UserId, now: number): ProposalsView {
  if (!group.members.includes(viewer)) return { can: 'none' };
  if (viewer === nextFacilitator(group, now)) return { can: 'all', proposals: group.proposals.map((p) => ({ ...p })) };
  const own = group.proposals.find((p) => p.author === viewer);
  return { can: 'own', ...(own ? { own: { ...own } } : {}), count: group.proposals.length };
}
