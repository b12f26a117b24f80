/**
 * The types of an intervision group: a peer group that meets on a cadence,
 * with a rotating facilitator and cases proposed in private before each
 * meeting. Pure data, stored as JSON. A group keeps what it needs to run
 * (members, cadence, rotation, the dates and formats of its meetings and how
 * many took part); the only content is a proposed case's optional title,
 * kept until the meeting it was proposed for begins.
 */
import type { RejectionCode } from '../rejection';
import type { Timer, UserId } from '../session';
import type { Cadence } from './cadence';
import type { LocalDate, LocalTime } from './zoned-time';

/** How the group meets: live in writing, live on a call, or asynchronously. */
export type Meeting = 'live' | 'call' | 'async';

/** The settings every meeting starts with. */
export interface GroupSettings {
  formatId: string;
  meeting: Meeting;
  /** Whether the facilitator of a meeting also gives inputs as a member. */
  facilitatorIsMember: boolean;
  /** How many days before a meeting members are asked whether they bring a case (0: not asked). */
  askDays: number;
  /** How many minutes before a meeting the group is reminded in its channel (0: no reminder). */
  remindMinutes: number;
}

/** A case a member brings to the next meeting. `title` is short and not confidential, and optional. */
export interface Proposal {
  id: string;
  author: UserId;
  title?: string;
  at: number;
  /** Brought again from a meeting where it was not chosen. */
  carried?: true;
}

/** What a group keeps of a meeting: when, in which format, how, and how many took part. */
export interface MeetingRecord {
  slot: LocalDate;
  at: number;
  formatId: string;
  meeting: Meeting;
  /** The meeting's session while it is open (dropped at its close). */
  sessionId?: string;
  /** How many took part: set when its session closed. */
  people?: number;
}

export interface Group {
  /** Schema version of the stored JSON. */
  v: 1;
  id: string;
  /** Version number: +1 on every accepted command (optimistic concurrency, as sessions). */
  seq: number;
  /** Its workspace when many install the bot; absent with one. */
  team?: string;
  /** The channel the group belongs to: its card, reminders and meetings are there. */
  channel: string;
  /** A short, non-confidential name. */
  name: string;
  createdBy: UserId;
  /** Who may delete the group: its creator, then the longest-standing member. */
  owner: UserId;
  createdAt: number;
  updatedAt: number;
  cadence: Cadence;
  members: UserId[];
  /** The members who facilitate, next in line first (rotation.ts). */
  rotation: UserId[];
  /** The meetings (slots) each member will miss. */
  away: Record<UserId, LocalDate[]>;
  /** Someone facilitating one meeting in place of whoever's turn it is. */
  swaps: Record<LocalDate, UserId>;
  settings: GroupSettings;
  /** Cases proposed for the next meeting. */
  proposals: Proposal[];
  nextProposalNo: number;
  /** The slot whose members were asked for cases, and whose reminder went out. */
  asked?: LocalDate;
  reminded?: LocalDate;
  /** The meetings held, oldest first (the last MEETINGS_KEPT). */
  meetings: MeetingRecord[];
  /** Ids of recent commands, for idempotency (bounded). */
  recent: string[];
}

export type GroupCommandBody =
  | { kind: 'join' }
  | { kind: 'leave' }
  /** A member takes part in the rotation, or stops. */
  | { kind: 'facilitates'; on: boolean }
  /** A member will miss a meeting (or will come after all). */
  | { kind: 'away'; slot: LocalDate; on: boolean }
  /** Whoever facilitates a meeting hands it to another member who facilitates. */
  | { kind: 'swap'; slot: LocalDate; to: UserId }
  /** A meeting will not take place (or will after all). */
  | { kind: 'skip'; slot: LocalDate; on: boolean }
  /** The next meeting moves later (before the one after it). */
  | { kind: 'postpone'; slot: LocalDate; date: LocalDate; time: LocalTime }
  /** A member brings a case to the next meeting (`carried`: one not chosen at the last meeting). */
  | { kind: 'propose'; title?: string; carried?: boolean }
  | { kind: 'withdraw' }
  /** Only checked by the engine: the service then deletes everything of the group. */
  | { kind: 'delete' }
  /** A group timer fired: members are asked for cases, or the group is reminded. */
  | { kind: 'timer'; timer: Timer }
  /** The service created the session of a meeting, with these proposals and this facilitator. */
  | { kind: 'meeting-created'; slot: LocalDate; sessionId: string; facilitator: UserId; proposalIds: string[] }
  /** A meeting's session closed, with this many people. */
  | { kind: 'meeting-closed'; sessionId: string; people: number }
  /** Slack says this member's account was deactivated: they leave the group, as if they had left. */
  | { kind: 'remove'; member: UserId };

export type GroupCommand = { id: string; actor: UserId | 'system' } & GroupCommandBody;
export type GroupCommandKind = GroupCommandBody['kind'];

/** What the engine asks the shell to do for a group. Ids only, never content. */
export type GroupEffect =
  /** Post the group's card in its channel, or update it. */
  | { type: 'card' }
  | { type: 'schedule'; timer: Timer }
  | { type: 'cancel-timers' }
  /** Ask a member by direct message whether they bring a case to the meeting of `slot`. */
  | { type: 'ask'; slot: LocalDate; user: UserId }
  /** Remind the group in its channel of the meeting of `slot`. */
  | { type: 'remind'; slot: LocalDate }
  /** Delete what was posted for the meeting of `slot` before it (the asks, the reminder): it has begun. */
  | { type: 'tidy'; slot: LocalDate };

export interface GroupAccepted {
  ok: true;
  duplicate: boolean;
  group: Group;
  effects: GroupEffect[];
}

/**
 * Why a group command was turned down: the code the shell decides by, and the
 * sentence a person reads (groups speak English only so far, so the engine
 * words it; sessions' refusals are catalog keys instead).
 */
export interface GroupRejection {
  ok: false;
  code: RejectionCode;
  reason: string;
}

export type GroupOutcome = GroupAccepted | GroupRejection;
