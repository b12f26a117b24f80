import { emit, type Ctx } from './context';
import { HOUR, MINUTE, asyncDeadline } from './deadlines';
import type { Phase } from './formats/schema';
import type { RoundState, Session, Timer } from './session';

/**
 * Which timers the current state needs. Derived from the state (deadlines,
 * notices, reminders already sent), so a phase start, a round opening, an
 * extension and a resume all schedule the same way. The scheduler keeps one
 * timer per kind/phase/round/stage, so scheduling one again moves it.
 */

/** The live timebox of a phase in ms (the session's setting, else the format's default). */
export function timeboxMs(session: Session, phase: Phase): number {
  return (session.settings.timeboxMinutes[phase.id] ?? phase.timebox.liveMinutes) * MINUTE;
}

/** How long before the end of a live timebox the "ending" notice comes: a minute, or half a short timebox. */
export function warningLead(session: Session, phase: Phase): number {
  return Math.min(MINUTE, Math.floor(timeboxMs(session, phase) / 2));
}

/** Timers of the phase itself: live timebox warnings, or an asynchronous presenter step's deadline. */
export function phaseTimers(session: Session, phase: Phase): Timer[] {
  const current = session.current;
  if (!current || current.deadline === undefined || phase.kind === 'end') return [];
  const deadline = current.deadline;
  if (session.settings.mode === 'live') {
    const timers: Timer[] = [];
    if (!current.notices.includes('ending')) {
      timers.push({ kind: 'timebox-warning', phaseId: phase.id, stage: 'ending', at: deadline - warningLead(session, phase) });
    }
    if (!current.notices.includes('ended')) {
      timers.push({ kind: 'timebox-warning', phaseId: phase.id, stage: 'ended', at: deadline });
    }
    return timers;
  }
  if (current.notices.includes('reminded')) return [];
  return [{ kind: 'phase-deadline', phaseId: phase.id, at: deadline }];
}

/**
 * When the first reminder of an asynchronous round goes out: half way through
 * the window, counted like the deadline (in working days only, half of the
 * working time, so a round opened on Friday does not nudge anyone on Saturday).
 */
export function halfReminderAt(session: Session, round: RoundState): number {
  return Math.floor(asyncDeadline(round.openedAt, session.settings.roundWindowHours / 2, session.settings));
}

/**
 * When the second reminder of an asynchronous round goes out: REMINDER_LEAD_HOURS
 * before the deadline, or undefined when that would not fall strictly between
 * the first reminder and the deadline (a short window has only the first).
 */
export function leadReminderAt(session: Session, round: RoundState): number | undefined {
  if (round.deadline === undefined) return undefined;
  const lead = round.deadline - session.settings.reminderLeadHours * HOUR;
  return lead > halfReminderAt(session, round) && lead < round.deadline ? lead : undefined;
}

/** Timers of an asynchronous round: its deadline and the reminders not yet sent. */
export function roundTimers(session: Session, phaseId: string, round: RoundState): Timer[] {
  if (session.settings.mode !== 'async' || round.deadline === undefined) return [];
  const timers: Timer[] = [{ kind: 'round-deadline', phaseId, round: round.number, at: round.deadline }];
  if (!round.reminded.includes('half')) {
    timers.push({ kind: 'round-reminder', phaseId, round: round.number, stage: 'half', at: halfReminderAt(session, round) });
  }
  const lead = leadReminderAt(session, round);
  if (lead !== undefined && !round.reminded.includes('lead')) {
    timers.push({ kind: 'round-reminder', phaseId, round: round.number, stage: 'lead', at: lead });
  }
  return timers;
}

/** Every timer the current phase and round need. */
export function currentTimers(session: Session, phase: Phase): Timer[] {
  const round = session.current?.round;
  return [...phaseTimers(session, phase), ...(round ? roundTimers(session, phase.id, round) : [])];
}

/** Asks the shell to schedule these timers. */
export function schedule(ctx: Ctx, timers: readonly Timer[]): void {
  for (const timer of timers) emit(ctx, { type: 'schedule', timer });
}
