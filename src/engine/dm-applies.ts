import type { Format, Phase, RoundsPhase } from './formats/schema';
import { isParticipant, pendingInRound, phaseById, turnHolder } from './queries';
import type { CaseProposal, CloseReason, Effect, Session } from './session';

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
  /** `via`: a note in the thread (ephemeral), or a direct message for those who chose it. */
  | { message: 'your-turn'; phase: RoundsPhase; round: number; via: 'thread' | 'dm' }
  /** `deadline` only while it lies ahead: the nudge comes when the time is up, and an "until" in the past would only scold. */
  | { message: 'presenter-reminder'; phase: Phase; deadline?: number }
  | { message: 'invitation' }
  | { message: 'taken-off' }
  | { message: 'idle-closed'; reason: CloseReason }
  /** The meeting took another case: theirs is still here, for them to carry to the next meeting or let go. */
  | { message: 'case-not-chosen'; proposal: CaseProposal };

/** A round reminder goes only to someone still pending in that very round, while it has a deadline. */
function roundReminder(session: Session, phase: Phase | undefined, effect: DmEffect): ApplicableDm | undefined {
  const round = session.current?.round;
  if (phase?.kind !== 'rounds' || !round || round.number !== effect.round || round.deadline === undefined) return undefined;
  if (!pendingInRound(session, round).includes(effect.user)) return undefined;
  return { message: 'round-reminder', phase, round: round.number, deadline: round.deadline };
}

/** Whether `user` holds the live turn of this phase's round now. */
function holdsTurn(session: Session, user: string, phaseId: string, round: number): boolean {
  return session.current?.id === phaseId && session.current.round?.number === round && turnHolder(session) === user;
}

/**
 * What a round reminder or a "your turn" message sent earlier should show
 * now, so the shell can keep it true: still open (as sent; a reminder with
 * its deadline as it is now), the person's turn taken while the round is
 * still open, or the round (or turn) over. Undefined for other messages.
 */
export type SentDmNow =
  | { state: 'open'; dm: Extract<ApplicableDm, { message: 'round-reminder' | 'your-turn' }> }
  | { state: 'taken'; phase: RoundsPhase; round: number; deadline?: number }
  | { state: 'over'; phase: RoundsPhase; round: number };

/** The state a sent round reminder or your-turn message (effect) should show now. */
export function sentDmNow(session: Session, format: Format, sent: DmEffect): SentDmNow | undefined {
  const phase = phaseById(format, sent.phaseId);
  if (phase?.kind !== 'rounds' || sent.round === undefined) return undefined;
  const round = session.current?.id === phase.id ? session.current.round : undefined;
  const open = session.status !== 'closing' && round?.number === sent.round;
  if (sent.message === 'your-turn') {
    if (!open || turnHolder(session) !== sent.user) return { state: 'over', phase, round: sent.round };
    return { state: 'open', dm: { message: 'your-turn', phase, round: sent.round, via: 'dm' } };
  }
  if (sent.message !== 'round-reminder') return undefined;
  if (!open || !round) return { state: 'over', phase, round: sent.round };
  const reminder = roundReminder(session, phase, sent);
  if (reminder?.message === 'round-reminder') return { state: 'open', dm: reminder };
  return { state: 'taken', phase, round: sent.round, ...(round.deadline !== undefined ? { deadline: round.deadline } : {}) };
}

/** The direct message to send for this effect now, or undefined when it no longer applies. */
export function applicableDm(session: Session, format: Format, effect: DmEffect, now: number): ApplicableDm | undefined {
  const phase = phaseById(format, effect.phaseId);
  switch (effect.message) {
    case 'round-reminder':
      return roundReminder(session, phase, effect);
    case 'your-turn':
      // Only while the turn is still theirs: a nudge sent late, after they acted, would only confuse.
      if (phase?.kind !== 'rounds' || effect.round === undefined || !holdsTurn(session, effect.user, phase.id, effect.round)) return undefined;
      return { message: 'your-turn', phase, round: effect.round, via: session.nudgeByDm?.includes(effect.user) ? 'dm' : 'thread' };
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
    case 'case-not-chosen': {
      // Only while their case is still here: carried or let go already, there is nothing to ask.
      const proposal = session.selection?.chosen ? session.selection.proposals.find((p) => p.author === effect.user && p.id !== session.selection?.chosen?.proposalId) : undefined;
      return proposal && session.status !== 'closing' ? { message: 'case-not-chosen', proposal: { ...proposal } } : undefined;
    }
  }
}
