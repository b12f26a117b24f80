import { emitProgress, type Ctx } from './context';
import { asyncDeadline } from './deadlines';
import type { RoundsPhase } from './formats/schema';
import { pendingAnswers, pendingInRound, roundOrder, takesPart } from './queries';
import type { ClosedRound, RoundMark, RoundState, Session } from './session';
import { phaseTimers, roundTimers, schedule } from './timers';

/**
 * How rounds open and close. A round is a snapshot of who takes part; it ends
 * when everyone in it had a turn (removed members are skipped). After a round
 * with no input at all, or after the format's last round, the phase's rounds
 * are over.
 */

/** Begins round `number` of the current rounds phase with the members taking part now (a new round opens). */
export function beginRound(ctx: Ctx, phase: RoundsPhase, number: number): void {
  const { s, now } = ctx;
  const current = s.current;
  if (!current) return;
  const live = s.settings.mode === 'live';
  const round: RoundState = {
    number,
    order: roundOrder(s, phase),
    turn: live ? 0 : -1,
    marks: {},
    openedAt: now,
    reminded: [],
  };
  if (!live) round.deadline = asyncDeadline(now, s.settings.roundWindowHours, s.settings);
  current.round = round;
  syncTurn(s, round);
  schedule(ctx, roundTimers(s, phase.id, round));
  emitProgress(ctx);
}

/** Live rounds: the turn belongs to the first member in order who has not had it (async: no holder). */
export function syncTurn(session: Session, round: RoundState): void {
  if (session.settings.mode !== 'live') return;
  round.turn = round.order.findIndex((user) => round.marks[user] === undefined && takesPart(session, user));
}

/** Keeps who had no input in the closed round (the marks go with the round). */
function logRound(session: Session, phaseId: string, round: RoundState): void {
  const closed: ClosedRound = { number: round.number };
  for (const mark of ['pass', 'skipped', 'timeout'] as const) {
    const users = round.order.filter((user) => round.marks[user] === mark);
    if (users.length > 0) closed[mark] = users;
  }
  const log = (session.roundLog ??= {});
  log[phaseId] = [...(log[phaseId] ?? []), closed];
}

/** Whether a round had at least one input that still stands. */
function hadInput(round: RoundState): boolean {
  return Object.values(round.marks).includes('input');
}

/**
 * Closes the open round. `how` marks who had no turn: 'timeout' at an
 * asynchronous deadline, 'skipped' when the facilitator closes it early.
 * Then either the next round opens, or the rounds are over (the phase may
 * still wait for the presenter's answers).
 */
export function closeRound(ctx: Ctx, phase: RoundsPhase, how: 'complete' | Exclude<RoundMark, 'input' | 'pass'>): void {
  const { s, now } = ctx;
  const current = s.current;
  const round = current?.round;
  if (!current || !round) return;
  if (how !== 'complete') {
    for (const user of pendingInRound(s, round)) round.marks[user] = how;
  }
  current.roundsClosed += 1;
  logRound(s, phase.id, round);
  emitProgress(ctx);
  const more = phase.maxRounds === undefined || current.roundsClosed < phase.maxRounds;
  if (hadInput(round) && more) {
    beginRound(ctx, phase, round.number + 1);
    return;
  }
  delete current.round;
  if (phase.answerable && s.settings.mode === 'async' && pendingAnswers(s, phase.id).length > 0) {
    // The presenter still owes answers: an asynchronous presenter step with its own deadline.
    current.deadline = asyncDeadline(now, s.settings.roundWindowHours, s.settings);
    schedule(ctx, phaseTimers(s, phase));
  }
}
