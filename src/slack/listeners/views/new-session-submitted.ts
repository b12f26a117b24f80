import { randomBytes } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { MIN_MEMBERS, type NewSession, type NewSessionField, checkNewSession, newSession } from '../../../engine';
import type { Format } from '../../../engine/formats/schema';
import type { Mode, UserId } from '../../../engine/session';
import { CHECKED, NEW_SESSION_FIELDS, ROUND_WINDOW_HOURS, TITLE_MAX_LENGTH, timeboxField, timedPhases } from '../../blocks';
import type { Place } from '../../blocks/new-session-modal';
import { parseNewSessionMeta } from '../../ids';
import type { ListenerDeps } from '../support/deps';
import type { FieldErrors, SubmitHandler } from '../support/guard';
import { type ChannelInfo, INVITE_TEXT, channelInfo, isChannelMember, othersCanRead } from '../support/place';
import { abandonRoom, createRoom } from '../support/room';
import type { Submission, ViewValues } from '../support/payloads';
import { type PersonInfo, whyNotAPerson } from '../support/users';

/**
 * The new-session modal's submission: every rule is checked on the field it
 * belongs to (Slack shows the sentence under that field), then the session is
 * stored and its card posted.
 */

const F = NEW_SESSION_FIELDS;
const TIMEBOX = { min: 1, max: 120 } as const;

/** The modal's values, read and checked for their own range; `errors` by block id. */
interface Filled {
  format: Format | undefined;
  mode: Mode;
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
function add(errors: Record<string, string>, block: string, message: string): void {
  if (errors[block] === undefined) errors[block] = message;
}

function readFilled(values: ViewValues, submission: Submission, deps: ListenerDeps, errors: Record<string, string>): Filled {
  const formatId = values.option(F.format.block, F.format.action);
  const format = formatId ? deps.formats.get(formatId) : undefined;
  if (!format) add(errors, F.format.block, 'Please choose a format.');
  const mode = values.option(F.mode.block, F.mode.action) === 'async' ? 'async' : 'live';
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

/** Where the session is held: the form's choice, or what PRIVATE_ROOMS leaves. */
function chosenPlace(values: ViewValues, deps: ListenerDeps): Place {
  if (deps.privateRooms === 'required') return 'room';
  if (deps.privateRooms === 'off') return 'thread';
  return values.option(F.place.block, F.place.action) === 'thread' ? 'thread' : 'room';
}

/** Who takes which role: the presenter is not a member, nor the facilitator, and there are enough members. */
function checkRoles(filled: Filled, errors: Record<string, string>): void {
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
function checkPeople(filled: Filled, people: Map<string, PersonInfo | null>, errors: Record<string, string>): void {
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
function timeZoneOr(tz: string | undefined): string {
  if (!tz) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}

/** The form's block that shows a problem the engine found, by the field it names (values the form does not ask for go on the format). */
const BLOCK_OF: Record<NewSessionField, string> = {
  format: F.format.block,
  people: F.facilitator.block,
  members: F.members.block,
  'round-window': F.roundWindow.block,
  'reminder-lead': F.format.block,
  'time-zone': F.format.block,
  timebox: F.format.block,
  limits: F.format.block,
};

/** Refused when the modal's channel is not one the bot and the person submitting share. */
export const NOT_HERE_TEXT = "You can only start a session in a channel you're in. Please type /intervision new in that channel.";

/**
 * The channel comes back in private_metadata, which the client could have
 * changed: check again that the bot can run a session there and that the
 * person is in it, so nobody posts a session into a channel they are not in.
 */
async function checkChannel(client: WebClient, channel: string, user: string): Promise<{ problem: string } | { info: ChannelInfo }> {
  // Both asked at once: Slack gives three seconds for the whole submission.
  const member = settledLater(isChannelMember(client, channel, user));
  const info = await channelInfo(client, channel);
  if (info.place !== 'ok') return { problem: INVITE_TEXT };
  return (await member) ? { info } : { problem: NOT_HERE_TEXT };
}

/** A look-up started early whose answer may not be needed: its failure surfaces only where it is awaited. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Refused when the workspace does not let the bot create channels. */
const ROOM_NOT_ALLOWED: Record<'offered' | 'required', string> = {
  offered: "This workspace doesn't let me create private channels (a workspace setting). Choose “This channel's thread” to hold the session here, or ask a workspace admin.",
  required: "This workspace doesn't let me create private channels (a workspace setting), and sessions here must have one. Please ask a workspace admin.",
};

/**
 * Where the session will be: a private room made for it now (only once the
 * form is otherwise valid, so no room is made for nothing), or the channel
 * itself, noting whether people outside the session can read it.
 */
async function prepareRoom(
  deps: ListenerDeps,
  client: WebClient,
  filled: Filled,
  channel: string,
  info: ChannelInfo,
  people: readonly UserId[],
): Promise<{ channel: string; openChannel: boolean } | { error: string }> {
  if (filled.place === 'thread') return { channel, openChannel: await othersCanRead(client, channel, info, people, deps.botUserId) };
  const room = await createRoom(client);
  if (room.ok) return { channel: room.channel, openChannel: false };
  if (room.reason === 'not-allowed') return { error: ROOM_NOT_ALLOWED[deps.privateRooms === 'required' ? 'required' : 'offered'] };
  return { error: 'I could not create the private channel. Please try again in a moment.' };
}

/** The session the form describes, held at `where` (a room made for it, or the channel it was created in). */
function sessionParams(
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
      mode: filled.mode,
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

/** Checks the modal, then creates the session; errors by block id, or undefined once the card is on its way. */
async function submitNewSession(deps: ListenerDeps, submission: Submission, client: WebClient): Promise<FieldErrors> {
  const meta = parseNewSessionMeta(submission.privateMetadata);
  if (!meta) return { [F.title.block]: 'This form is out of date. Please close it and type /intervision new again.' };
  const errors: Record<string, string> = {};
  const filled = readFilled(submission.values, submission, deps, errors);
  checkRoles(filled, errors);
  const everyone = [filled.facilitator, ...filled.members, ...(filled.presenter ? [filled.presenter] : [])];
  // The channel and the people are looked up at the same time.
  const channelChecked = settledLater(checkChannel(client, meta.channel, submission.user));
  const people = await deps.users.many(everyone);
  checkPeople(filled, people, errors);
  const { format, presenter } = filled;
  if (Object.keys(errors).length > 0 || !format || !presenter) return errors;
  const checked = await channelChecked;
  if ('problem' in checked) return { [F.title.block]: checked.problem };
  const where = await prepareRoom(deps, client, filled, meta.channel, checked.info, everyone);
  if ('error' in where) return { [deps.privateRooms === 'offered' ? F.place.block : F.title.block]: where.error };
  const params = sessionParams(deps, submission, { ...filled, format, presenter }, meta.channel, where, timeZoneOr(people.get(presenter)?.tz));
  const problem = checkNewSession(params, deps.formats);
  const created = problem ? undefined : newSession(params, deps.clock.now(), deps.formats);
  if (!created || !(await deps.services.create(created.session, created.effects))) {
    if (params.room) await abandonRoom(client, params.channel);
    return problem ? { [BLOCK_OF[problem.field]]: problem.reason } : { [F.title.block]: 'Something went wrong creating the session. Please try again.' };
  }
  const { session } = created;
  deps.logger.info({ sessionId: session.id, formatId: format.id, mode: filled.mode, members: session.members.length, room: Boolean(session.room) }, 'session created');
  return undefined;
}

/** The new-session modal (commands/new.ts): each rule on its field, then the session is created. */
export function newSessionSubmitted(deps: ListenerDeps): SubmitHandler {
  return (submission, { client }) => submitNewSession(deps, submission, client);
}
