import { DAY } from './deadlines';
import type { Session, SessionLimits, Timer } from './session';

/**
 * How long a session may live: it is closed (and everything posted in it
 * deleted) after `idleDays` without activity, and `maxDays` after it was
 * created whatever happens in it. Two timers of kind 'idle' carry the checks,
 * scheduled at creation; when one fires, timer-commands.ts judges it against
 * the session as it is then. A leaf module (a constant and types), so the
 * configuration can read its defaults from here.
 */

/**
 * The limits of a session stored before it kept its own. The same numbers
 * are the configuration's defaults (SESSION_IDLE_DAYS, SESSION_MAX_DAYS in
 * config.ts), so an unconfigured bot treats old and new sessions alike.
 */
export const DEFAULT_LIMITS: Readonly<SessionLimits> = Object.freeze({ idleDays: 7, maxDays: 30 });

/** Longest idle or max-age period that can be set, in days. */
const MAX_LIMIT_DAYS = 365;

/** The session's limits, or the defaults for a session stored before it kept them. */
export function limitsOf(session: Session): SessionLimits {
  return session.limits ?? { ...DEFAULT_LIMITS };
}

/** What is wrong with these limits, in a sentence; undefined when they are fine. */
export function checkLimits(limits: SessionLimits): string | undefined {
  const whole = (days: number): boolean => Number.isInteger(days) && days >= 1 && days <= MAX_LIMIT_DAYS;
  if (!whole(limits.idleDays) || !whole(limits.maxDays)) return `The idle and maximum periods must be 1 to ${MAX_LIMIT_DAYS} whole days.`;
  if (limits.idleDays > limits.maxDays) return 'The idle period must not be longer than the maximum age.';
  return undefined;
}

export type LimitStage = 'idle' | 'max-age';

/** When the check of this stage is due: the idle period after the last activity, or the maximum age after creation. */
export function limitDue(session: Session, stage: LimitStage): number {
  const limits = limitsOf(session);
  return stage === 'idle' ? session.updatedAt + limits.idleDays * DAY : session.createdAt + limits.maxDays * DAY;
}

/** The idle and max-age timers as the session stands now (at creation: counted from its creation). */
export function limitTimers(session: Session): Timer[] {
  return (['idle', 'max-age'] as const).map((stage) => ({ kind: 'idle', stage, at: limitDue(session, stage) }));
}
