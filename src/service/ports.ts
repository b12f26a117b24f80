/**
 * What the session service needs from the world outside the store, as small
 * interfaces it owns. The Slack side implements them (src/slack/outbound) and
 * the composition root (src/bot.ts) plugs them in; nothing here knows Slack.
 */
import type { Roles } from '../engine/queries';
import type { Effect, Session, UserId } from '../engine/session';
import type { PurgeRecord } from '../store/session-store';

/** The effects that reach people; timers and the purge are the service's own. */
export type OutboundEffect = Exclude<Effect, { type: 'schedule' | 'cancel-timers' | 'purge' }>;

/** One effect to carry out, with its outbox entry's id. */
export interface Delivery {
  effect: OutboundEffect;
  entryId: number;
}

/** Carries effects out to the people of a session. */
export interface Outbound {
  /**
   * Carries committed effects out, in order; each `entryId` is its outbox
   * entry's id, the same on every replay, so a replay posts nothing twice.
   * Throws when trying again later may succeed (the outbox keeps the
   * effects); a failure that retrying cannot mend is dealt with (or dropped)
   * inside. One call per batch lets the outside world read what it needs once.
   */
  deliver(session: Session, batch: readonly Delivery[]): Promise<void>;
  /** Draws the card and the current step again where they are missing; 'channel-gone' when the place still refuses. */
  redraw(session: Session): Promise<'done' | 'channel-gone'>;
  /** Told who is no longer in a session (left, taken off) once its index says so, so what lists their sessions follows. Never throws. */
  left?(session: Session, users: readonly UserId[]): void;
}

/** Deletes what a closed session left where people read it. Each step is safe to repeat. */
export interface Eraser {
  /** A session whose close was committed: the presenter's copy, then its content and messages. */
  purge(session: Session): Promise<void>;
  /** A session whose stored content cannot be read: its messages, without a copy or details. */
  purgeUnreadable(sessionId: string, reason: PurgeRecord['reason']): Promise<void>;
  /** What is left of a purge that has begun (also after a restart); throws while something remains. */
  finish(record: PurgeRecord): Promise<void>;
}

export type { ErrorDescriber } from '../logging/describe-error';

/** Told after a deactivated person was removed from a session (with the roles they held). */
export type DeactivationNotice = (session: Session, user: UserId, was: Roles) => Promise<void>;
