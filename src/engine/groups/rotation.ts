import type { UserId } from '../session';
import type { LocalDate } from './zoned-time';

/**
 * Who facilitates which meeting: round-robin over the members who
 * facilitate, kept as a queue (the next in line first).
 *
 * - A meeting's facilitator is the first in the queue who has not marked
 *   themselves away for its date; whoever was passed over for being away
 *   keeps their place and facilitates the meeting after.
 * - A swap names someone else for one meeting; the person whose turn it was
 *   keeps their place, so they facilitate the next one.
 * - Whoever facilitated goes to the end of the queue.
 * - Whoever brings a case to the next meeting is passed over for it, as if
 *   away: nobody facilitates the meeting where their own case may be chosen.
 * - When everyone in the queue is away, the first in line facilitates all
 *   the same (someone must; the card says who).
 */

/** What the rotation reads: the queue, who is away when, and the swaps for single meetings. */
export interface RotationState {
  rotation: UserId[];
  away: Record<UserId, LocalDate[]>;
  swaps: Record<LocalDate, UserId>;
}

/** Whether `user` marked themselves away for the meeting of `slot`. */
export function isAway(state: Pick<RotationState, 'away'>, user: UserId, slot: LocalDate): boolean {
  return state.away[user]?.includes(slot) ?? false;
}

/**
 * The facilitator of the meeting of `slot` with the queue as it is; undefined
 * when nobody facilitates. `busy`: who cannot facilitate it although they are
 * there (they bring a case to it), passed over like someone away.
 */
export function facilitatorOf(state: RotationState, slot: LocalDate, busy: readonly UserId[] = []): UserId | undefined {
  const swapped = state.swaps[slot];
  if (swapped !== undefined && state.rotation.includes(swapped) && !busy.includes(swapped)) return swapped;
  return state.rotation.find((user) => !isAway(state, user, slot) && !busy.includes(user)) ?? state.rotation[0];
}

/** The queue after `facilitator` facilitated: they go to the end, everyone else keeps their order. */
export function afterMeeting(rotation: readonly UserId[], facilitator: UserId): UserId[] {
  if (!rotation.includes(facilitator)) return [...rotation];
  return [...rotation.filter((user) => user !== facilitator), facilitator];
}

/** The facilitators of meetings to come, in order, as the rotation will give them; `busy` for the first of them. */
export function rota(state: RotationState, slots: readonly LocalDate[], busy: readonly UserId[] = []): Array<{ slot: LocalDate; facilitator: UserId | undefined }> {
  let queue = [...state.rotation];
  return slots.map((slot, i) => {
    const facilitator = facilitatorOf({ ...state, rotation: queue }, slot, i === 0 ? busy : []);
    if (facilitator !== undefined) queue = afterMeeting(queue, facilitator);
    return { slot, facilitator };
  });
}
