import type { Format, Phase, RoundsPhase } from './formats/schema';
import { isParticipant, pendingInRound, phaseById } from './queries';
import type { CloseReason, Effect, Session } from './session';

/**
 * Whether a direct message the engine asked for still applies when the shell
 * gets to send it. Effects are run after the commit, sometimes much later (a
 * replay after a crash, a Slack outage), so the session may have moved on:
 * whoever answered needs no reminder, an agreed invitation is moot. Pure.
 */

export type DmEffect = Extract<Effect, { type: 'dm' }>;

/** A direct message that still applies, with what the shell needs to draw it. */
export type ApplicableDm =
  | { message: 'round-reminder'; phase: RoundsPhase; round: number; deadline: number }
  | { message: 'your-turn'; phase: RoundsPhase; round: number }
  /** `deadline` only while it lies ahead: the nudge comes when the time is up, and an "until" in the past would only scold. */
  | { message: 'presenter-reminder'; phase: Phase; deadline?: number }
  | { message: 'invitation' }
  | { message: 'taken-off' }
  | { message: 'idle-closed'; reason: CloseReason };

/** A round reminder goes only to someone still pending in that very round, while it has a deadline. */
function roundReminder(session: Session, phase: Phase | undefined, effect: DmEffect): ApplicableDm | undefined {
  const round = session.current?.round;
  if (phase?.kind !== 'rounds' || !round || round.number !== effect.round || round.deadline === undefined) return undefined;
  if (!pendingInRound(session, round).includes(effect.user)) return undefined;
  return { message: 'round-reminder', phase, round: round.number, deadline: round.deadline };
}

/** The direct message to send for this effect now, or undefined when it no longer applies. */
export function applicableDm(session: Session, format: Format, effect: DmEffect, now: number): ApplicableDm | undefined {
  const phase = phaseById(format, effect.phaseId);
  switch (effect.message) {
    case 'round-reminder':
      return roundReminder(session, phase, effect);
    case 'your-turn':
      return phase?.kind === 'rounds' && effect.round !== undefined ? { message: 'your-turn', phase, round: effect.round } : undefined;
    case 'presenter-reminder': {
      if (!phase) return undefined;
      const deadline = session.current?.deadline;
      return deadline !== undefined && deadline > now ? { message: 'presenter-reminder', phase, deadline } : { message: 'presenter-reminder', phase };
    }
    case 'invitation':
      // Once they agreed, left, or the session started, the invitation no longer applies.
      if (session.status !== 'open' || session.agreed.includes(effect.user) || !isParticipant(session, effect.user)) return undefined;
      return { message: 'invitation' };
    case 'taken-off':
      // Added back before the start: nothing to tell.
      return isParticipant(session, effect.user) ? undefined : { message: 'taken-off' };
    case 'idle-closed':
      return { message: 'idle-closed', reason: session.closing?.reason ?? 'idle' };
  }
}
