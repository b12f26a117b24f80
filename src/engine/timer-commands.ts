import { currentPhaseOf, emit, emitProgress, reject, type Ctx, type Verdict } from './context';
import type { Phase } from './formats/schema';
import { pendingAnswers, pendingInRound, presenterOf } from './queries';
import { closeRound } from './round-state';
import { closeSession } from './facilitator';
import { limitDue } from './limits';
import type { Command, CurrentPhase, Session, Timer } from './session';
import { halfReminderAt, leadReminderAt, schedule, warningLead } from './timers';

/**
 * A timer fired. Each is judged against the state now: one that belongs to a
 * phase or round the session has left, or that was moved later (extension,
 * resume), or whose notice was already given, is turned down and changes
 * nothing. The idle and max-age checks hold whatever the phase.
 */

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;


/** Whether the current phase waits for the presenter (a statement, a pick, answers after the rounds). */
function waitsForPresenter(session: Session, phase: Phase): boolean {
  switch (phase.kind) {
    case 'statement':
      return session.statements[phase.id] === undefined;
    case 'choice':
      return session.picks[phase.id] === undefined;
    case 'rounds':
      return phase.answerable && !session.current?.round && pendingAnswers(session, phase.id).length > 0;
    default:
      return false;
  }
}

/**
 * An idle or max-age check fired (limits.ts). When its time has come the
 * session closes exactly as a close by the system does: the facilitator is
 * told, everything is deleted. When it has not (there was activity since the
 * idle check was set, or the timer came early), only the check is set again
 * for when it is due; the seq moves, so the card and prompt are drawn again
 * with buttons at the new one. Judging it is not activity (decide.ts).
 */
function limitCheck(ctx: Ctx, timer: Timer): Verdict {
  const stage = timer.stage;
  if (stage !== 'idle' && stage !== 'max-age') return reject('invalid', 'idleStage');
  const due = limitDue(ctx.s, stage);
  if (ctx.now >= due) {
    closeSession(ctx, stage);
    return undefined;
  }
  schedule(ctx, [{ kind: 'idle', stage, at: due }]);
  emitProgress(ctx);
  return undefined;
}

/** What every phase timer works on: the current phase and its transient state, and the timer. */
interface PhaseTimer {
  ctx: Ctx;
  timer: Timer;
  phase: Phase;
  current: CurrentPhase;
}

/** Handles a fired timer: an idle or max-age check, a timebox notice, a round deadline, a reminder, a presenter's deadline. */
export function onTimer(ctx: Ctx, cmd: CommandOf<'timer'>): Verdict {
  const timer = cmd.timer;
  // The session's own limits hold whatever its phase or status (gate.ts lets them through).
  if (timer.kind === 'idle') return limitCheck(ctx, timer);
  const phase = currentPhaseOf(ctx);
  const current = ctx.s.current;
  if (ctx.s.status !== 'running' || !phase || !current || timer.phaseId !== current.id) return reject('stale', 'notDue');
  const fired: PhaseTimer = { ctx, timer, phase, current };
  switch (timer.kind) {
    case 'timebox-warning':
      return timeboxWarning(fired);
    case 'round-deadline':
      return roundDeadline(fired);
    case 'round-reminder':
      return roundReminder(fired);
    case 'phase-deadline':
      return phaseDeadline(fired);
    case 'group':
      // A group's timer is the group's (groups/), never a session's.
      return reject('invalid', 'notDue');
  }
}

/** Live: the timebox is about to end, or has ended; a notice in the thread, once each. */
function timeboxWarning({ ctx, timer, phase, current }: PhaseTimer): Verdict {
  const stage = timer.stage;
  if (ctx.s.settings.mode !== 'live' || current.deadline === undefined || (stage !== 'ending' && stage !== 'ended')) return reject('stale', 'notDue');
  const due = stage === 'ended' ? current.deadline : current.deadline - warningLead(ctx.s, phase);
  if (ctx.now < due || current.notices.includes(stage)) return reject('stale', 'notDue');
  current.notices.push(stage);
  emit(ctx, { type: 'notice', notice: stage === 'ended' ? 'timebox-ended' : 'timebox-ending', phaseId: phase.id });
  emitProgress(ctx); // redraw the buttons at the new seq, or the facilitator's Next phase would turn stale
  return undefined;
}

/** Asynchronous: the round's deadline passed; whoever stayed silent counts as timed out. */
function roundDeadline({ ctx, timer, phase, current }: PhaseTimer): Verdict {
  const round = current.round;
  if (ctx.s.settings.mode === 'live' || phase.kind !== 'rounds' || !round || round.number !== timer.round) return reject('stale', 'notDue');
  if (round.deadline === undefined || ctx.now < round.deadline) return reject('stale', 'notDue');
  closeRound(ctx, phase, 'timeout');
  return undefined;
}

/** Asynchronous: half way through the round, or shortly before its deadline, those still pending are nudged. */
function roundReminder({ ctx, timer, phase, current }: PhaseTimer): Verdict {
  const { s, now } = ctx;
  const round = current.round;
  if (s.settings.mode === 'live' || !round || round.number !== timer.round || round.deadline === undefined) return reject('stale', 'notDue');
  const stage = timer.stage;
  if (stage !== 'half' && stage !== 'lead') return reject('stale', 'notDue');
  // Late delivery (after a restart): a round already at its deadline is closed by it, not nagged about.
  if (now >= round.deadline) return reject('stale', 'notDue');
  const lead = leadReminderAt(s, round);
  const due = stage === 'half' ? halfReminderAt(s, round) : lead;
  if (due === undefined || now < due || round.reminded.includes(stage)) return reject('stale', 'notDue');
  // Once the second reminder is due, the first is moot: one message, not two at once.
  if (stage === 'half' && lead !== undefined && now >= lead) return reject('stale', 'notDue');
  round.reminded.push(...(stage === 'lead' && !round.reminded.includes('half') ? ['half', 'lead'] : [stage]));
  // Only those who have not answered yet are nudged, privately.
  for (const user of pendingInRound(s, round)) {
    emit(ctx, { type: 'dm', user, message: 'round-reminder', phaseId: phase.id, round: round.number });
  }
  emitProgress(ctx); // the seq moved: buttons drawn at the old one (Close round, More time) would be stale
  return undefined;
}

/** Asynchronous: a presenter step's time is up; the presenter is reminded once. */
function phaseDeadline({ ctx, phase, current }: PhaseTimer): Verdict {
  const { s, now } = ctx;
  if (s.settings.mode === 'live' || current.deadline === undefined || now < current.deadline) return reject('stale', 'notDue');
  if (current.notices.includes('reminded') || !waitsForPresenter(s, phase)) return reject('stale', 'notDue');
  current.notices.push('reminded');
  emit(ctx, { type: 'dm', user: presenterOf(s), message: 'presenter-reminder', phaseId: phase.id });
  // The facilitator sees the overdue step on the card, and fresh buttons to extend or move on; nothing moves by itself.
  emitProgress(ctx);
  return undefined;
}
