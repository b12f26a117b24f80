/**
 * What the group service needs from the world outside the store, as small
 * interfaces it owns; the Slack side implements them (slack/outbound/groups.ts).
 */
import type { Group } from '../../engine/groups/group';
import type { UserId } from '../../engine/session';

/** Where a meeting is held: a channel, and whether people outside the meeting can read it. */
export interface MeetingPlace {
  channel: string;
  openChannel: boolean;
}

/** Carries a group's effects out to its channel and its members. Each call is safe to repeat. */
export interface GroupOutbound {
  /** Posts the group's card in its channel, or updates it. */
  card(group: Group): Promise<void>;
  /** Asks each member by direct message whether they bring a case to the meeting of `slot` (once each). */
  ask(group: Group, slot: string, users: readonly UserId[]): Promise<void>;
  /** Reminds the group in its channel of the meeting of `slot` (once). */
  remind(group: Group, slot: string): Promise<void>;
  /** Deletes what was posted before the meeting of `slot` (the asks, the reminder): it has begun. */
  tidy(group: Group, slot: string): Promise<void>;
  /** Where the next meeting is held; 'gone' when the bot can no longer post in the group's channel. */
  meetingPlace(group: Group, people: readonly UserId[]): Promise<MeetingPlace | 'gone'>;
  /** Deletes everything posted for the group in Slack; throws while something remains (try again). */
  erase(group: Group): Promise<void>;
}
