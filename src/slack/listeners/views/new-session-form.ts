import { randomBytes } from 'node:crypto';
import { MIN_MEMBERS, type NewSession, type NewSessionField, type NewSessionProblem } from '../../../engine';
import type { Format } from '../../../engine/formats/schema';
import type { Language, UserId } from '../../../engine/session';
import { isLanguage, translator, type Translator } from '../../../i18n';
import { CHECKED, NEW_SESSION_FIELDS, ROUND_WINDOW_HOURS, TITLE_MAX_LENGTH, timeboxField, timedPhases } from '../../blocks';
import type { Meeting, NewSessionDefaults, Place } from '../../blocks/new-session-modal';
import type { ListenerDeps } from '../support/deps';
import type { Submission, ViewValues } from '../support/payloads';
import { type PersonInfo, whyNotAPerson } from '../support/users';

/**
 * The new-session form read and checked: each rule on the field it belongs
 * to, by block id. What needs no look-up is checked before the form is
 * answered (new-session-submitted.ts); the people are checked after it
 * (new-session-setup.ts).
 */

export const F = NEW_SESSION_FIELDS;
const TIMEBOX = { min: 1, max: 120 } as const;

/** The modal's values, read and checked for their own range; `errors` by block id. */
export interface Filled {
  /** The session's language, chosen in the form (the configured default for a form without the choice); its errors are said in it. */
  language: Language;
  format: Format | undefined;
  mode: Meeting;
  presenter: UserId | undefined;
  facilitator: UserId;
  members: UserId[];
  facilitatorIsMember: boolean;
  title: string;
  timeboxMinutes: Record<string, number>;
  roundWindowHours: number;
  workingDaysOnly: boolean;
  place: Place;
}

/** Adds an error for a block unless it already has one (the first problem is the one to fix first). */
export function add(errors: Record<string, string>, block: string, message: string): void {
  if (errors[block] === undefined) errors[block] = message;
}

/** The live timeboxes typed in the form, each checked; a phase left empty keeps the format's. */
function readTimeboxes(tr: Translator, values: ViewValues, format: Format | undefined, errors: Record<string, string>): Record<string, number> {
  const timeboxMinutes: Record<string, number> = {};
  for (const phase of format ? timedPhases(format) : []) {
    const field = timeboxField(phase.id);
    const minutes = values.integer(field.block, field.action);
    if (minutes === undefined) timeboxMinutes[phase.id] = phase.timebox.liveMinutes;
    else if (!Number.isInteger(minutes) || minutes < TIMEBOX.min || minutes > TIMEBOX.max) {
      add(errors, field.block, tr('form:errors.minutes', TIMEBOX));
    } else timeboxMinutes[phase.id] = minutes;
  }
  return timeboxMinutes;
}

/** The asynchronous round window typed in the form, checked; the default when left empty. */
function readWindow(tr: Translator, values: ViewValues, errors: Record<string, string>): number {
  const window = values.integer(F.roundWindow.block, F.roundWindow.action);
  if (window === undefined) return ROUND_WINDOW_HOURS.default;
  if (Number.isInteger(window) && window >= ROUND_WINDOW_HOURS.min && window <= ROUND_WINDOW_HOURS.max) return window;
  add(errors, F.roundWindow.block, tr('form:errors.hours', { min: ROUND_WINDOW_HOURS.min, max: ROUND_WINDOW_HOURS.max }));
  return ROUND_WINDOW_HOURS.default;
}

export function readFilled(values: ViewValues, submission: Submission, deps: ListenerDeps, errors: Record<string, string>): Filled {
  const chosen = values.option(F.language.block, F.language.action);
  const language = isLanguage(chosen) ? chosen : deps.defaultLanguage;
  const tr = translator(language);
  const formatId = values.option(F.format.block, F.format.action);
  const format = formatId ? deps.formats.get(formatId) : undefined;
  if (!format) add(errors, F.format.block, tr('form:errors.format'));
  // A form opened before "How you meet" dispatched has it under the action id 'mode'.
  const mode = meetingOf(values.option(F.mode.block, F.mode.action) ?? values.option(F.mode.block, 'mode'));
  const presenter = values.user(F.presenter.block, F.presenter.action);
  if (!presenter) add(errors, F.presenter.block, tr('form:errors.presenter'));
  const title = (values.text(F.title.block, F.title.action) ?? '').trim();
  if (title === '') add(errors, F.title.block, tr('form:errors.title'));
  else if (title.length > TITLE_MAX_LENGTH) add(errors, F.title.block, tr('form:errors.titleLong', { max: TITLE_MAX_LENGTH, length: title.length }));
  const timeboxMinutes = readTimeboxes(tr, values, format, errors);
  const roundWindowHours = readWindow(tr, values, errors);
  if (!values.options(F.agreement.block, F.agreement.action).includes(CHECKED)) add(errors, F.agreement.block, tr('form:errors.agreement'));
  return {
    language,
    place: chosenPlace(values, deps),
    format,
    mode,
    presenter,
    facilitator: values.user(F.facilitator.block, F.facilitator.action) ?? submission.user,
    members: [...new Set(values.users(F.members.block, F.members.action))],
    facilitatorIsMember: values.options(F.facilitatorIsMember.block, F.facilitatorIsMember.action).includes(CHECKED),
    title,
    timeboxMinutes,
    roundWindowHours,
    workingDaysOnly: values.options(F.workingDays.block, F.workingDays.action).includes(CHECKED),
  };
}

/** How the group meets, from the form's radio: live in writing unless it says otherwise. */
export function meetingOf(value: string | undefined): Meeting {
  return value === 'async' || value === 'call' ? value : 'live';
}

/** Where the session is held: the form's choice, or what PRIVATE_ROOMS leaves. */
function chosenPlace(values: ViewValues, deps: ListenerDeps): Place {
  if (deps.privateRooms === 'required') return 'room';
  if (deps.privateRooms === 'off') return 'thread';
  return values.option(F.place.block, F.place.action) === 'thread' ? 'thread' : 'room';
}

/** Who takes which role: the presenter is not a member, nor the facilitator, and there are enough members. */
export function checkRoles(filled: Filled, errors: Record<string, string>): void {
  const { presenter, facilitator, members, facilitatorIsMember } = filled;
  if (!presenter) return;
  const tr = translator(filled.language);
  if (facilitator === presenter) add(errors, F.facilitator.block, tr('form:errors.facilitatorIsPresenter'));
  const others = members.filter((m) => m !== presenter && m !== facilitator);
  if (members.includes(presenter)) add(errors, F.members.block, tr(others.length === 0 ? 'form:errors.presenterAlone' : 'form:errors.presenterIsMember'));
  const count = others.length + (facilitatorIsMember && facilitator !== presenter ? 1 : 0);
  if (count < MIN_MEMBERS) add(errors, F.members.block, tr(facilitatorIsMember ? 'form:errors.fewMembersCounted' : 'form:errors.fewMembers', { min: MIN_MEMBERS }));
}

/** Only people can take part: no bots (the bot itself included) and no deactivated accounts. */
export function checkPeople(filled: Filled, people: Map<string, PersonInfo | null>, errors: Record<string, string>): void {
  const tr = translator(filled.language);
  const problem = (user: UserId): string | undefined => whyNotAPerson(tr, people.get(user));
  if (filled.presenter) {
    const p = problem(filled.presenter);
    if (p) add(errors, F.presenter.block, p);
  }
  const f = problem(filled.facilitator);
  if (f) add(errors, F.facilitator.block, f);
  for (const member of filled.members) {
    const m = problem(member);
    if (m) add(errors, F.members.block, m);
  }
}

/** A valid IANA time zone, or UTC. */
export function timeZoneOr(tz: string | undefined): string {
  if (!tz) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}

/** The form's block that shows a problem the engine found, by the field it names (values the form does not ask for go on the format). */
export const BLOCK_OF: Record<NewSessionField, string> = {
  format: F.format.block,
  people: F.facilitator.block,
  members: F.members.block,
  'round-window': F.roundWindow.block,
  'reminder-lead': F.format.block,
  'time-zone': F.format.block,
  timebox: F.format.block,
  limits: F.format.block,
};


/** A problem the engine found with the form's values, in the form's language. */
export function problemText(language: Language, problem: NewSessionProblem): string {
  return translator(language)(`form:engine.${problem.field}`, problem.params ?? {});
}

/** The session the form describes, held at `where` (a room made for it, or the channel it was created in). */
export function sessionParams(
  deps: ListenerDeps,
  submission: Submission,
  filled: Filled & { format: Format; presenter: UserId },
  origin: string,
  where: { channel: string; openChannel: boolean },
  timeZone: string,
): NewSession {
  const { format, presenter } = filled;
  return {
    limits: deps.limits,
    id: randomBytes(8).toString('base64url'),
    formatId: format.id,
    channel: where.channel,
    title: filled.title,
    createdBy: submission.user,
    facilitator: filled.facilitator,
    presenter,
    members: filled.members,
    settings: {
      mode: filled.mode === 'async' ? 'async' : 'live',
      ...(filled.mode === 'call' ? { onCall: true } : {}),
      facilitatorIsMember: filled.facilitatorIsMember,
      timeboxMinutes: filled.timeboxMinutes,
      roundWindowHours: filled.roundWindowHours,
      workingDaysOnly: filled.workingDaysOnly,
      timeZone,
      reminderLeadHours: deps.reminderLeadHours,
      presenterCopy: true,
      language: filled.language,
    },
    // The creator confirmed the agreement in the form.
    agreed: [submission.user],
    ...(where.channel !== origin ? { room: { origin } } : {}),
    ...(where.openChannel ? { openChannel: true } : {}),
  };
}

/** The form as it was sent, to draw it again with the problems found after it was answered. */
export function formAgain(filled: Filled, channel: string, deps: ListenerDeps, extra: Pick<NewSessionDefaults, 'readers' | 'problems' | 'pickChannel'>): NewSessionDefaults {
  return {
    channel,
    facilitator: filled.facilitator,
    language: filled.language,
    ...(filled.format ? { formatId: filled.format.id } : {}),
    mode: filled.mode,
    ...(filled.presenter ? { presenter: filled.presenter } : {}),
    members: filled.members,
    facilitatorIsMember: filled.facilitatorIsMember,
    title: filled.title,
    timeboxMinutes: filled.timeboxMinutes,
    roundWindowHours: filled.roundWindowHours,
    workingDaysOnly: filled.workingDaysOnly,
    placeChoice: deps.privateRooms,
    place: filled.place,
    // Only a form whose agreement was confirmed gets this far.
    agreed: true,
    ...extra,
  };
}
