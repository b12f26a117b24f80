import { isTimeZone } from './deadlines';
import { formats, type FormatRegistry } from './formats';
import { MAX_MEMBERS } from './membership';
import type { Effect, Session, Settings, UserId } from './session';

/** What the creation modal gives to start a session. */
export interface NewSession {
  id: string;
  formatId: string;
  channel: string;
  title: string;
  createdBy: UserId;
  facilitator: UserId;
  presenter: UserId;
  members: UserId[];
  settings: Settings;
  /** Who confirmed the agreement in the creation form (the creator, when they take part). */
  agreed?: UserId[];
  /** Held in a private room made for it; `origin` is where it was created. */
  room?: { origin: string };
  /** Held in a channel thread that people outside the session can read. */
  openChannel?: boolean;
}

/** What is wrong with the creation modal's values, in a sentence; undefined when they are fine. */
export function checkNewSession(params: NewSession, registry: FormatRegistry = formats): string | undefined {
  if (!registry.get(params.formatId)) return `Unknown format "${params.formatId}".`;
  if (params.presenter === params.facilitator) return 'The presenter and the facilitator must be two different people.';
  const { roundWindowHours, reminderLeadHours, timeZone, timeboxMinutes } = params.settings;
  if (!Number.isInteger(roundWindowHours) || roundWindowHours < 1 || roundWindowHours > 168) {
    return 'The round window must be 1 to 168 hours.';
  }
  if (!Number.isFinite(reminderLeadHours) || reminderLeadHours < 0 || reminderLeadHours > 168) {
    return 'The reminder lead must be 0 to 168 hours.';
  }
  if (!isTimeZone(timeZone)) return `Unknown time zone "${timeZone}".`;
  if (Object.values(timeboxMinutes).some((m) => !Number.isInteger(m) || m < 1 || m > 120)) {
    return 'Each timebox must be 1 to 120 minutes.';
  }
  if (memberList(params).length > MAX_MEMBERS) return `A session takes at most ${MAX_MEMBERS} members.`;
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
 * room, and invite everyone else by direct message to read and confirm the
 * agreement. Throws when checkNewSession finds a problem: the modal is
 * expected to have shown it already.
 */
export function newSession(params: NewSession, now: number, registry: FormatRegistry = formats): { session: Session; effects: Effect[] } {
  const problem = checkNewSession(params, registry);
  if (problem) throw new Error(problem);
  const format = registry.require(params.formatId);
  const timeboxMinutes: Record<string, number> = {};
  for (const phase of format.phases) {
    if (phase.kind !== 'end') timeboxMinutes[phase.id] = params.settings.timeboxMinutes[phase.id] ?? phase.timebox.liveMinutes;
  }
  const members = memberList(params);
  const everyone = new Set([params.presenter, params.facilitator, ...members]);
  const agreed = [...new Set(params.agreed ?? [])].filter((user) => everyone.has(user));
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
    status: 'open',
    settings: { ...params.settings, timeboxMinutes },
    facilitator: params.facilitator,
    presenter: params.presenter,
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
  const effects: Effect[] = session.room ? [{ type: 'card' }, { type: 'pointer' }] : [{ type: 'card' }];
  for (const user of everyone) {
    if (agreed.includes(user)) {
      if (session.room) effects.push({ type: 'room', action: 'invite', user });
    } else {
      effects.push({ type: 'dm', user, message: 'invitation' });
    }
  }
  return { session, effects };
}
