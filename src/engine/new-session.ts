import { isTimeZone } from './deadlines';
import { formats, type FormatRegistry } from './formats';
import { checkLimits, DEFAULT_LIMITS, limitTimers } from './limits';
import { MAX_MEMBERS } from './membership';
import type { CaseProposal, Effect, Selection, Session, SessionLimits, Settings, UserId } from './session';

/** What the creation modal gives to start a session. */
export interface NewSession {
  id: string;
  formatId: string;
  channel: string;
  title: string;
  createdBy: UserId;
  facilitator: UserId;
  /** Absent for a group's meeting whose case is chosen at the start (selection.ts). */
  presenter?: UserId;
  members: UserId[];
  settings: Settings;
  /** A group's meeting: the group and the meeting's slot. */
  group?: { id: string; slot: string };
  /** Without a presenter: the cases proposed for the meeting (their authors must be members, not the facilitator). */
  proposals?: CaseProposal[];
  /** Who confirmed the agreement in the creation form (the creator, when they take part). */
  agreed?: UserId[];
  /** Held in a private room made for it; `origin` is where it was created. */
  room?: { origin: string };
  /** Held in a channel thread that people outside the session can read. */
  openChannel?: boolean;
  /** How long it may sit idle and live at all (the configuration's SESSION_IDLE_DAYS, SESSION_MAX_DAYS); default DEFAULT_LIMITS. */
  limits?: SessionLimits;
}

/** Which of the creation's values a problem is about, so the form can show it on the right field. */
export type NewSessionField = 'format' | 'people' | 'round-window' | 'reminder-lead' | 'time-zone' | 'timebox' | 'members' | 'limits';

/** What kind of problem it is: a name that is not known, a number outside its range, one person in two roles, too many. */
export type NewSessionProblemCode = 'unknown' | 'out-of-range' | 'same-person' | 'too-many';

/**
 * A problem with the creation's values: where, what kind, and what to tell
 * (`field` and `code` name the shell's sentence; `params` its numbers and names).
 */
export interface NewSessionProblem {
  field: NewSessionField;
  code: NewSessionProblemCode;
  params?: Record<string, string | number>;
}

function problem(field: NewSessionField, code: NewSessionProblemCode, params?: Record<string, string | number>): NewSessionProblem {
  return params ? { field, code, params } : { field, code };
}

/** Whether a number lies in min..max (a whole number when `integer`). */
function inRange(value: number, min: number, max: number, integer: boolean): boolean {
  return (integer ? Number.isInteger(value) : Number.isFinite(value)) && value >= min && value <= max;
}

/** What is wrong with the creation modal's values (the first problem found); undefined when they are fine. */
export function checkNewSession(params: NewSession, registry: FormatRegistry = formats): NewSessionProblem | undefined {
  if (!registry.get(params.formatId)) return problem('format', 'unknown', { format: params.formatId });
  if (params.presenter !== undefined && params.presenter === params.facilitator) return problem('people', 'same-person');
  const { roundWindowHours, reminderLeadHours, timeZone, timeboxMinutes } = params.settings;
  if (!inRange(roundWindowHours, 1, 168, true)) return problem('round-window', 'out-of-range', { min: 1, max: 168 });
  if (!inRange(reminderLeadHours, 0, 168, false)) return problem('reminder-lead', 'out-of-range', { min: 0, max: 168 });
  if (!isTimeZone(timeZone)) return problem('time-zone', 'unknown', { zone: timeZone });
  if (Object.values(timeboxMinutes).some((m) => !inRange(m, 1, 120, true))) return problem('timebox', 'out-of-range', { min: 1, max: 120 });
  if (memberList(params).length > MAX_MEMBERS) return problem('members', 'too-many', { max: MAX_MEMBERS });
  if (params.limits && checkLimits(params.limits)) return problem('limits', 'out-of-range');
  return undefined;
}

/** The members in the order given, each once, without the presenter; the facilitator only when they take part. */
function memberList(params: NewSession): UserId[] {
  const members = [...new Set(params.members)].filter((m) => m !== params.presenter && m !== params.facilitator);
  return params.settings.facilitatorIsMember ? [params.facilitator, ...members] : members;
}

/**
 * A new, open session as the creation modal describes it, and its first
 * effects: post the card, let whoever agreed in the form into a private
 * room, invite everyone else by direct message to read and confirm the
 * agreement, and schedule its idle and max-age checks. Throws when
 * checkNewSession finds a problem: the modal is expected to have shown it.
 */
export function newSession(params: NewSession, now: number, registry: FormatRegistry = formats): { session: Session; effects: Effect[] } {
  const found = checkNewSession(params, registry);
  if (found) throw new Error(`newSession: ${found.field} is ${found.code}`);
  const format = registry.require(params.formatId);
  const timeboxMinutes: Record<string, number> = {};
  for (const phase of format.phases) {
    if (phase.kind !== 'end') timeboxMinutes[phase.id] = params.settings.timeboxMinutes[phase.id] ?? phase.timebox.liveMinutes;
  }
  const members = memberList(params);
  const everyone = new Set([...(params.presenter !== undefined ? [params.presenter] : []), params.facilitator, ...members]);
  const agreed = [...new Set(params.agreed ?? [])].filter((user) => everyone.has(user));
  // Only a live session can be held on a call; the flag is kept only when set.
  const { onCall, ...settings } = params.settings;
  const session: Session = {
    v: 1,
    id: params.id,
    seq: 1,
    formatId: params.formatId,
    channel: params.channel,
    title: params.title,
    createdBy: params.createdBy,
    createdAt: now,
    updatedAt: now,
    limits: { ...(params.limits ?? DEFAULT_LIMITS) },
    status: 'open',
    settings: { ...settings, timeboxMinutes, ...(onCall === true && settings.mode === 'live' ? { onCall: true } : {}) },
    facilitator: params.facilitator,
    ...(params.presenter !== undefined ? { presenter: params.presenter } : { selection: selectionOf(params, members) }),
    ...(params.group ? { group: { id: params.group.id, slot: params.group.slot } } : {}),
    members,
    agreed,
    ...(params.room ? { room: { origin: params.room.origin } } : {}),
    ...(params.openChannel ? { openChannel: true } : {}),
    phaseIndex: -1,
    current: null,
    inputs: [],
    nextInputNo: 1,
    statements: {},
    picks: {},
    evaluations: {},
    recent: [],
  };
  return { session, effects: firstEffects(session, everyone) };
}

/** The cases a meeting without a presenter starts with: those of its members (never the facilitator's), copied. */
function selectionOf(params: NewSession, members: readonly UserId[]): Selection {
  const proposals = (params.proposals ?? [])
    .filter((p) => p.author !== params.facilitator && members.includes(p.author))
    .map((p) => ({ id: p.id, author: p.author, at: p.at, ...(p.title !== undefined ? { title: p.title } : {}) }));
  return { proposals, votes: {}, nextNo: 1 };
}

/** The card (and a private room's pointer), the room or an invitation for each person, and the idle and max-age checks. */
function firstEffects(session: Session, everyone: ReadonlySet<UserId>): Effect[] {
  const effects: Effect[] = session.room ? [{ type: 'card' }, { type: 'pointer' }] : [{ type: 'card' }];
  for (const user of everyone) {
    if (session.agreed.includes(user)) {
      if (session.room) effects.push({ type: 'room', action: 'invite', user });
    } else {
      effects.push({ type: 'dm', user, message: 'invitation' });
    }
  }
  // An abandoned session is closed and deleted by the engine's own rule (limits.ts).
  for (const timer of limitTimers(session)) effects.push({ type: 'schedule', timer });
  return effects;
}
