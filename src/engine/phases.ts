import { currentPhaseOf, emit, type Ctx } from './context';
import { asyncDeadline } from './deadlines';
import type { Phase } from './formats/schema';
import { evaluators, hasPickSource, participants, pendingAnswers, pendingInRound } from './queries';
import { beginRound, closeRound, syncTurn } from './round-state';
import type { Session } from './session';
import { phaseTimers, schedule, timeboxMs } from './timers';

/**
 * Moving through the format's phases. Commands only record what people did;
 * settle() then asks "is the current round or phase complete?" and moves on
 * as often as needed. So a pass, a removal, a late answer or a resume all end
 * a round or a phase by the same rule.
 */

/** Whether everything the phase waits for has happened. */
function phaseDone(session: Session, phase: Phase): boolean {
  switch (phase.kind) {
    case 'statement':
      return session.statements[phase.id] !== undefined;
    case 'agreement':
      return participants(session).every((user) => session.agreed.includes(user));
    case 'rounds':
      // Rounds are over once no round is open; then only the presenter's answers can hold the phase.
      return session.current?.round === undefined && (!phase.answerable || pendingAnswers(session, phase.id).length === 0);
    case 'choice':
      // Nothing to pick from (e.g. every member passed on tips): the step has nothing to do.
      return session.picks[phase.id] !== undefined || !hasPickSource(session, phase);
    case 'evaluation': {
      const done = session.evaluations[phase.id] ?? {};
      return evaluators(session).every((user) => done[user] !== undefined);
    }
    case 'end':
      return false;
  }
}

/** Starts the phase at `index`: fresh phase state, its timers, its first round. The end phase ends the session. */
export function enterPhase(ctx: Ctx, index: number): void {
  const { s, now } = ctx;
  const phase = ctx.format.phases[index];
  if (!phase) throw new Error(`Format "${ctx.format.id}" has no phase at index ${index}.`);
  if (s.current) emit(ctx, { type: 'phase', phaseId: s.current.id });
  s.phaseIndex = index;
  s.current = { id: phase.id, startedAt: now, roundsClosed: 0, notices: [] };
  emit(ctx, { type: 'card' });
  emit(ctx, { type: 'phase', phaseId: phase.id });
  if (phase.kind === 'end') {
    s.status = 'ended';
    return;
  }
  if (phase.kind === 'choice' && !hasPickSource(s, phase)) return; // settle() moves on at once
  if (s.settings.mode === 'live') {
    s.current.deadline = now + timeboxMs(s, phase);
  } else if (phase.kind === 'statement' || phase.kind === 'choice') {
    s.current.deadline = asyncDeadline(now, s.settings.roundWindowHours, s.settings);
  }
  schedule(ctx, phaseTimers(s, phase));
  if (phase.kind === 'rounds') beginRound(ctx, phase, 1);
}

/** Ends the current phase and starts the next one. */
export function advance(ctx: Ctx): void {
  enterPhase(ctx, ctx.s.phaseIndex + 1);
}

/** Closes complete rounds and ends complete phases until the session waits for someone again. */
export function settle(ctx: Ctx): void {
  // Every pass either returns or closes a round / enters a later phase; the bound is only a guard.
  for (let guard = 0; guard < 100; guard += 1) {
    const s = ctx.s;
    const phase = currentPhaseOf(ctx);
    if (s.status !== 'running' || !s.current || !phase) return;
    const round = s.current.round;
    if (phase.kind === 'rounds' && round) {
      syncTurn(s, round);
      if (pendingInRound(s, round).length > 0) return;
      closeRound(ctx, phase, 'complete');
      continue;
    }
    if (!phaseDone(s, phase)) return;
    advance(ctx);
  }
}
