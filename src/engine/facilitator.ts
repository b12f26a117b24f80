import { currentPhaseOf, emit, emitProgress, reject, type Ctx, type Verdict } from './context';
import { MINUTE } from './deadlines';
import { minMembersOf } from './formats';
import { takeOffUnagreed } from './membership';
import { advance, enterPhase } from './phases';
import { SYSTEM, type CloseReason, type Command } from './session';
import { currentTimers, leadReminderAt, phaseTimers, roundTimers, schedule } from './timers';

/**
 * What only the facilitator does to the session as a whole: start, move to
 * the next phase, extend the time, pause and resume, close. (Skipping a turn
 * and closing a round are in rounds.ts; removing a member in membership.ts.)
 */

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** Longest extension at once: a week. */
const MAX_EXTEND_MINUTES = 7 * 24 * 60;

/**
 * The facilitator starts the first phase, with the people who confirmed the
 * agreement: whoever has not is named for the facilitator to confirm, then
 * taken off the session (membership.ts takeOffUnagreed).
 */
export function start(ctx: Ctx, cmd: CommandOf<'start'>): Verdict {
  const { s } = ctx;
  if (s.status !== 'open') return reject('already-started', 'alreadyStarted');
  // A group's meeting without a fixed presenter chooses its case first: one of its members will present.
  const choosing = s.presenter === undefined && s.selection !== undefined;
  const refused = takeOffUnagreed(ctx, cmd.without ?? [], minMembersOf(ctx.format) + (choosing ? 1 : 0), 'start');
  if (refused) return refused;
  // Where a private room's session was created, the pointer stops offering Join.
  if (s.room) emit(ctx, { type: 'pointer' });
  if (choosing) {
    s.status = 'selecting';
    emit(ctx, { type: 'card' });
    emit(ctx, { type: 'selection' });
    return undefined;
  }
  s.status = 'running';
  enterPhase(ctx, 0);
  return undefined;
}

/** The facilitator ends the current phase now, whatever it is still waiting for. */
export function nextPhase(ctx: Ctx, cmd: CommandOf<'next-phase'>): Verdict {
  if (ctx.s.current?.id !== cmd.phaseId) return reject('stale', 'movedOn');
  // The agreement step is never skipped silently: whoever has not agreed is named, then taken off.
  if (currentPhaseOf(ctx)?.kind === 'agreement') {
    const refused = takeOffUnagreed(ctx, cmd.without ?? [], minMembersOf(ctx.format), 'go-on');
    if (refused) return refused;
  }
  advance(ctx);
  return undefined;
}

/** The facilitator gives more time: the live timebox, the open asynchronous round, or a presenter step. */
export function extend(ctx: Ctx, cmd: CommandOf<'extend'>): Verdict {
  const { s, now } = ctx;
  const phase = currentPhaseOf(ctx);
  const current = s.current;
  if (!phase || !current || current.id !== cmd.phaseId) return reject('stale', 'movedOn');
  if (!Number.isInteger(cmd.minutes) || cmd.minutes < 1 || cmd.minutes > MAX_EXTEND_MINUTES) {
    return reject('invalid', 'extendRange', { max: MAX_EXTEND_MINUTES });
  }
  const more = cmd.minutes * MINUTE;
  const round = current.round;
  if (s.settings.mode === 'async' && round?.deadline !== undefined) {
    round.deadline = Math.max(round.deadline, now) + more;
    // A new deadline earns its last reminder again, when that still lies ahead (the half-way one was about the window).
    const lead = leadReminderAt(s, round);
    if (lead !== undefined && lead > now) round.reminded = round.reminded.filter((stage) => stage !== 'lead');
    schedule(ctx, roundTimers(s, phase.id, round));
  } else if (current.deadline !== undefined) {
    current.deadline = Math.max(current.deadline, now) + more;
    // A new deadline earns its notices and reminder again.
    current.notices = current.notices.filter((notice) => notice !== 'ending' && notice !== 'ended' && notice !== 'reminded');
    schedule(ctx, phaseTimers(s, phase));
  } else {
    return reject('invalid', 'noTimeLimit');
  }
  emitProgress(ctx);
  return undefined;
}

/** The facilitator pauses: nothing moves until they resume. */
export function pause(ctx: Ctx, _cmd: CommandOf<'pause'>): Verdict {
  const { s } = ctx;
  if (s.status !== 'running') return reject('invalid', 'notRunning');
  s.status = 'paused';
  s.pausedAt = ctx.now;
  emit(ctx, { type: 'card' });
  emit(ctx, { type: 'notice', notice: 'paused' });
  return undefined;
}

/** The facilitator resumes: every clock of the phase moves on by the time spent paused. */
export function resume(ctx: Ctx, _cmd: CommandOf<'resume'>): Verdict {
  const { s, now } = ctx;
  if (s.status !== 'paused') return reject('invalid', 'notPaused');
  const shift = now - (s.pausedAt ?? now);
  const current = s.current;
  if (current) {
    current.startedAt += shift;
    if (current.deadline !== undefined) current.deadline += shift;
    if (current.round) {
      current.round.openedAt += shift;
      if (current.round.deadline !== undefined) current.round.deadline += shift;
    }
  }
  delete s.pausedAt;
  s.status = 'running';
  const phase = currentPhaseOf(ctx);
  if (phase) schedule(ctx, currentTimers(s, phase));
  emitProgress(ctx);
  emit(ctx, { type: 'notice', notice: 'resumed' });
  return undefined;
}

/** The facilitator closes the session (or the system, when it sat idle or grew too old): everything is deleted. */
export function close(ctx: Ctx, cmd: CommandOf<'close'>): Verdict {
  if (ctx.actor === SYSTEM && cmd.reason === 'facilitator') return reject('invalid', 'systemCloses');
  closeSession(ctx, ctx.actor === SYSTEM ? cmd.reason : 'facilitator');
  return undefined;
}

/** Closes the session for this reason, by the actor; the system's idle and max-age checks come here too (limits.ts). */
export function closeSession(ctx: Ctx, reason: CloseReason): void {
  const { s, actor } = ctx;
  s.status = 'closing';
  s.closing = { by: actor, at: ctx.now, reason };
  // Close replaces whatever else was asked: no card to draw, only timers to stop and content to delete.
  // When the system closes an abandoned session, the facilitator is told (before the purge, which ends the outbox).
  ctx.effects =
    actor === SYSTEM
      ? [{ type: 'cancel-timers' }, { type: 'dm', user: s.facilitator, message: 'idle-closed' }, { type: 'purge' }]
      : [{ type: 'cancel-timers' }, { type: 'purge' }];
}
