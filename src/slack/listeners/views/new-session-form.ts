import { randomBytes } from 'node:crypto';
import { MIN_MEMBERS, type NewSession, type NewSessionField } from '../../../engine';
import type { Format } from '../../../engine/formats/schema';
import type { UserId } from '../../../engine/session';
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

export function readFilled(values: ViewValues, submission: Submission, deps: ListenerDeps, errors: Record<string, string>): Filled {
  const formatId = values.option(F.format.block, F.format.action);
  const format = formatId ? deps.formats.get(formatId) : undefined;
  if (!format) add(errors, F.format.block, 'Please choose a format.');
  // A form opened before "How you meet" dispatched has it under the action id 'mode'.
  const mode = meetingOf(values.option(F.mode.block, F.mode.action) ?? values.option(F.mode.block, 'mode'));
  const presenter = values.user(F.presenter.block, F.presenter.action);
  if (!presenter) add(errors, F.presenter.block, 'Please choose who brings the case.');
  const title = (values.text(F.title.block, F.title.action) ?? '').trim();
  if (title === '') add(errors, F.title.block, 'Please give the session a short title (no case details).');
  else if (title.length > TITLE_MAX_LENGTH) add(errors, F.title.block, `Please keep the title to ${TITLE_MAX_LENGTH} characters (it has ${title.length}).`);
  const timeboxMinutes: Record<string, number> = {};
  for (const phase of format ? timedPhases(format) : []) {
    const field = timeboxField(phase.id);
    const minutes = values.integer(field.block, field.action);
    if (minutes === undefined) timeboxMinutes[phase.id] = phase.timebox.liveMinutes;
    else if (!Number.isInteger(minutes) || minutes < TIMEBOX.min || minutes > TIMEBOX.max) {
      add(errors, field.block, `Please give ${TIMEBOX.min} to ${TIMEBOX.max} minutes.`);
    } else timeboxMinutes[phase.id] = minutes;
  }
  const window = values.integer(F.roundWindow.block, F.roundWindow.action);
  let roundWindowHours: number = ROUND_WINDOW_HOURS.default;
  if (window !== undefined) {
    if (!Number.isInteger(window) || window < ROUND_WINDOW_HOURS.min || window > ROUND_WINDOW_HOURS.max) {
      add(errors, F.roundWindow.block, `Please give ${ROUND_WINDOW_HOURS.min} to ${ROUND_WINDOW_HOURS.max} hours.`);
    } else roundWindowHours = window;
  }
  if (!values.options(F.agreement.block, F.agreement.action).includes(CHECKED)) {
    add(errors, F.agreement.block, 'Please confirm the confidentiality agreement: everyone in the session does, you too.');
  }
  return {
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
  if (facilitator === presenter) {
    add(errors, F.facilitator.block, "The facilitator guides the steps and can't also be the presenter. Please choose someone else.");
  }
  const others = members.filter((m) => m !== presenter && m !== facilitator);
  if (members.includes(presenter)) {
    add(
      errors,
      F.members.block,
      others.length === 0
        ? "The presenter can't be the only participant: please add the members who will give inputs."
        : "The presenter brings the case and can't also be a member: please remove them here.",
    );
  }
  const count = others.length + (facilitatorIsMember && facilitator !== presenter ? 1 : 0);
  if (count < MIN_MEMBERS) {
    const counted = facilitatorIsMember ? ' (the facilitator counts as one)' : '';
    add(errors, F.members.block, `Please add at least ${MIN_MEMBERS} members${counted}; more people can join later from the session card.`);
  }
}

/** Only people can take part: no bots (the bot itself included) and no deactivated accounts. */
export function checkPeople(filled: Filled, people: Map<string, PersonInfo | null>, errors: Record<string, string>): void {
  const problem = (user: UserId): string | undefined => whyNotAPerson(people.get(user));
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
