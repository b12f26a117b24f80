/**
 * The types of the phase engine: a session, the commands that change it, the
 * effects it asks the shell to carry out, and rejections. Pure data: no I/O.
 * The session is stored as JSON, so keep it compact and free of rendered output.
 */
import type { Rejection } from './rejection';
import type { Selection } from './session-parts';
import type { ClosedRound, CurrentPhase, Input } from './session-parts';
import type { Timer } from './timer';

export type { CaseProposal, ClosedRound, CurrentPhase, Input, RoundMark, RoundState, Selection } from './session-parts';

export type { Timer } from './timer';
export type UserId = string;
export type Mode = 'live' | 'async';

/** The languages the bot speaks, English first: a session speaks one of them, and the formats are written in each. */
export const LANGUAGES = ['en', 'de', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];
/** What a session stored before it had a language speaks. */
export const BASE_LANGUAGE: Language = 'en';

/**
 * open: people join, nothing has started. selecting: a group's meeting has
 * started and chooses whose case to take (selection.ts), before the format's
 * phases. running: a phase is in progress.
 * paused: the facilitator paused it (async). ended: the end phase is reached,
 * waiting for the facilitator to close. closing: close was decided; the shell
 * is deleting the content (the purge effect).
 */
export type Status = 'open' | 'selecting' | 'running' | 'paused' | 'ended' | 'closing';

export interface Settings {
  mode: Mode;
  /** Whether the facilitator also gives inputs as a member. */
  facilitatorIsMember: boolean;
  /** Live timebox per phase id, in minutes (prefilled from the format). */
  timeboxMinutes: Record<string, number>;
  /** Asynchronous round window in hours (1..168, default 24). */
  roundWindowHours: number;
  /** Asynchronous deadlines skip Saturday and Sunday in `timeZone`. */
  workingDaysOnly: boolean;
  /** IANA time zone used for working days (the presenter's, from users.info). */
  timeZone: string;
  /** Hours before a deadline when the second reminder goes out (the first is at half the window). */
  reminderLeadHours: number;
  /** The presenter receives a private copy (DM) of their case's inputs at close. Default on. */
  presenterCopy: boolean;
  /**
   * Live on a call (mode 'live' only): the group talks, the bot keeps the
   * turns and the phases; an input or an answer may be spoken, its note optional.
   */
  onCall?: boolean;
  /** The language everything about the session is said in (the creation form's); English for a session stored before it had one. */
  language?: Language;
}

export type Usefulness = 'yes' | 'partly' | 'no';

export interface Evaluation {
  useful: Usefulness;
  what?: string;
  at: number;
}

export interface Session {
  /** Schema version of the stored JSON. */
  v: 1;
  id: string;
  /** Version number: +1 on every accepted command. */
  seq: number;
  formatId: string;
  /** Slack channel the session runs in (its card and thread). */
  channel: string;
  /** Its workspace when many install the bot (set by the service); absent with one. */
  team?: string;
  /** A short, non-confidential title. */
  title: string;
  createdBy: UserId;
  createdAt: number;
  /** Time of the last accepted command other than a timer: its last activity, from which the idle period counts. */
  updatedAt: number;
  /** Fixed at creation; absent in sessions stored before it was kept, which get DEFAULT_LIMITS (limits.ts). */
  limits?: SessionLimits;
  status: Status;
  settings: Settings;
  facilitator: UserId;
  /** Who brings the case; absent in a group's meeting until the case is chosen (`selection`). */
  presenter?: UserId;
  /** A group's meeting: its group and meeting (slot date), so a case not chosen can be carried to the next one. */
  group?: { id: string; slot: string };
  /** A group's meeting without a fixed presenter: the case is chosen first (selection.ts). */
  selection?: Selection;
  /** Members in turn order (includes the facilitator when facilitatorIsMember). */
  members: UserId[];
  /**
   * Participants who confirmed the confidentiality agreement. Nobody acts in
   * the session before they are here (gate.ts); whoever is still missing at
   * the start is taken off it (facilitator.ts).
   */
  agreed: UserId[];
  /**
   * Set when the session is held in a private channel made for it: `channel`
   * is that room (people are invited once they agree, removed when they go)
   * and `origin` the channel where it was created, which holds only a
   * content-free pointer.
   */
  room?: { origin: string };
  /** Held in a thread of a channel that people outside the session can read: the card says so. */
  openChannel?: boolean;
  /** Index of the current phase in the format; -1 before the start. */
  phaseIndex: number;
  current: CurrentPhase | null;
  inputs: Input[];
  /** Counter for input ids. */
  nextInputNo: number;
  /** Presenter statements per phase id (case story, key question). */
  statements: Record<string, { text?: string; at: number }>;
  /** The presenter's picks per choice phase id: input ids or option ids; on a call also `named`, picks in their own words. */
  picks: Record<string, { items: string[]; remark?: string; named?: string; at: number }>;
  /**
   * Who had no input in each closed round, per phase id (passes, skips, silence),
   * so the round board can still show them after the round closed.
   */
  roundLog?: Record<string, ClosedRound[]>;
  /** Who asked to hear of their live turns by direct message (the others get a note in the thread). */
  nudgeByDm?: UserId[];
  /** Evaluations per phase id, per person. */
  evaluations: Record<string, Record<UserId, Evaluation>>;
  /** Ids of the most recent accepted commands, for idempotency (bounded). */
  recent: string[];
  pausedAt?: number;
  /** Set when close is decided. */
  closing?: { by: UserId | 'system'; at: number; reason: CloseReason };
}

export type CloseReason = 'facilitator' | 'idle' | 'max-age';

/** A session with no activity for `idleDays` is closed, and any session `maxDays` after it was created. */
export interface SessionLimits {
  idleDays: number;
  maxDays: number;
}

/** The system (the scheduler) acts as this actor. */
export const SYSTEM = 'system' as const;
export type Actor = UserId | typeof SYSTEM;

interface CommandBase {
  /** Unique id (Slack: derived from the interaction). A repeat with the same id is a no-op. */
  id: string;
  actor: Actor;
  /** The session seq the user saw when acting (the button's or modal's seq). */
  seq: number;
}

export type CommandBody =
  | { kind: 'join' }
  | { kind: 'leave' }
  | { kind: 'agree' }
  /** `without`: the people the facilitator confirmed to take off because they have not agreed. */
  | { kind: 'start'; without?: UserId[] }
  | { kind: 'input'; phaseId: string; round: number; text?: string }
  | { kind: 'pass'; phaseId: string; round: number }
  | { kind: 'edit'; inputId: string; text: string }
  | { kind: 'withdraw'; inputId: string }
  | { kind: 'answer'; inputId: string; text?: string }
  /** The presenter passes on a question, where the phase allows it; the facilitator hides an input or asks its author to clarify it; the author does. */
  | { kind: 'answer-pass'; inputId: string }
  | { kind: 'hide'; inputId: string; reason: string }
  | { kind: 'ask-clarification'; inputId: string }
  | { kind: 'clarify'; inputId: string; text: string }
  | { kind: 'statement'; phaseId: string; text?: string }
  | { kind: 'pick'; phaseId: string; items: string[]; remark?: string; named?: string }
  | { kind: 'evaluate'; phaseId: string; useful: Usefulness; what?: string }
  | { kind: 'skip'; phaseId: string; round: number; member: UserId }
  | { kind: 'next-phase'; phaseId: string; without?: UserId[] }
  /** Before the start, the facilitator sets who the members are: new people are invited, the others taken off. */
  | { kind: 'set-members'; members: UserId[] }
  /**
   * The facilitator removes a member; or, with reason 'deactivated', the
   * system tells the session that this person's Slack account was
   * deactivated (membership.ts decides what that means for their role).
   */
  | { kind: 'remove'; member: UserId; reason?: 'deactivated' }
  | { kind: 'extend'; phaseId: string; minutes: number }
  | { kind: 'close-round'; phaseId: string; round: number }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'presenter-copy'; on: boolean }
  | { kind: 'nudges'; via: 'thread' | 'dm' }
  /** Choosing the case (selection.ts): a member votes, the facilitator closes the vote or picks. */
  | { kind: 'vote'; proposalId: string }
  | { kind: 'close-vote' }
  | { kind: 'pick-case'; proposalId: string }
  /** A member brings a case in the meeting itself, or withdraws theirs, until the case is chosen. */
  | { kind: 'propose-case'; title?: string }
  | { kind: 'withdraw-case'; proposalId: string }
  /** After the choice, the author of a case not chosen lets it leave the session (carried to the next meeting, or not). */
  | { kind: 'release-case'; proposalId: string; carry: boolean }
  | { kind: 'close'; reason: CloseReason }
  /** A timer fired (the scheduler is the actor). */
  | { kind: 'timer'; timer: Timer };

export type Command = CommandBase & CommandBody;
export type CommandKind = CommandBody['kind'];

/** A thread notice the shell posts (and later deletes). */
export type NoticeKind = 'timebox-ending' | 'timebox-ended' | 'paused' | 'resumed' | 'member-removed' | 'member-left' | 'member-joined';

/** A direct message to one person. */
export type DirectMessageKind =
  | 'round-reminder'
  | 'presenter-reminder'
  | 'idle-closed'
  | 'your-turn'
  /** Someone was named in the session and is asked to read and confirm the agreement. */
  | 'invitation'
  /** Someone was taken off the session (not agreed at the start, or removed before it); no content. */
  | 'taken-off'
  /** A group's meeting chose another case: its author may carry theirs to the next meeting. */
  | 'case-not-chosen';

/**
 * What the engine asks the shell to do. Effects carry ids, never rendered
 * content: the shell renders from the stored session when it runs them, so
 * running an effect twice is harmless.
 */
export type Effect =
  /** Post the session card, or update it in place. */
  | { type: 'card' }
  /** Post the phase's prompt (and round boards) in the thread, or update them in place. */
  | { type: 'phase'; phaseId: string }
  /** Post the case selection's prompt in the thread, or update it in place. */
  | { type: 'selection' }
  | { type: 'notice'; notice: NoticeKind; phaseId?: string; user?: UserId }
  | { type: 'dm'; user: UserId; message: DirectMessageKind; phaseId?: string; round?: number }
  | { type: 'schedule'; timer: Timer }
  /** Cancel every timer of the session. */
  | { type: 'cancel-timers' }
  /** A private room's content-free pointer where the session was created: posted at creation, changed only by the start. */
  | { type: 'pointer' }
  /** A private room's membership follows the session's: invite someone who agreed, remove someone who left. */
  | { type: 'room'; action: 'invite' | 'kick'; user: UserId }
  /** Close: send the presenter's copy, delete everything posted, leave the content-free note, drop the data. */
  | { type: 'purge' };

export type { Rejection, RejectionCode } from './rejection';

export interface Accepted {
  ok: true;
  /** True when the command was applied before (same id): nothing changes, "already done". */
  duplicate: boolean;
  session: Session;
  effects: Effect[];
}

export type Outcome = Accepted | Rejection;
