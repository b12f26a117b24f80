import type { Format } from '../../engine/formats/schema';
import type { UserId } from '../../engine/session';
import { LIMITS } from '../escape';
import { ACTIONS, CALLBACKS, encodeNewSessionMeta } from '../ids';
import { checkbox, input, numberInput } from './form-kit';
import { CHANNEL_FIELD, channelBlock } from './new-session-channel';
import { type Block, type ModalView, context, header, option, plain } from './kit';

/**
 * The modal that creates a session: format, mode, roles, a non-confidential
 * title, live timeboxes and the asynchronous round window. Block ids are
 * stable so the listener can point a validation error at the right field.
 */

/** Where each field's value is in `view.state.values[block][action]`. */
export const NEW_SESSION_FIELDS = {
  /** Only in a form opened from the App Home or the shortcut: the channel the session runs in. */
  channel: CHANNEL_FIELD,
  format: { block: 'format', action: ACTIONS.formatSelect },
  mode: { block: 'mode', action: ACTIONS.modeSelect },
  presenter: { block: 'presenter', action: 'presenter' },
  facilitator: { block: 'facilitator', action: 'facilitator' },
  members: { block: 'members', action: 'members' },
  facilitatorIsMember: { block: 'facilitator-is-member', action: 'facilitator-is-member' },
  title: { block: 'title', action: 'title' },
  roundWindow: { block: 'round-window', action: 'round-window' },
  workingDays: { block: 'working-days', action: 'working-days' },
  place: { block: 'place', action: 'place' },
  agreement: { block: 'agreement', action: 'agreement' },
} as const;

/** Where a session is held: a private channel made for it, or the thread of the channel it was created in. */
export type Place = 'room' | 'thread';

/** How the form offers the place, from PRIVATE_ROOMS: a choice, the room only, or the thread only. */
export type PlaceChoice = 'offered' | 'required' | 'off';

/** The agreement the creator confirms in the form, as everyone else does with Join. */
export const CREATOR_AGREEMENT = 'I agree: what is shared in this session stays in it.';

/** The option value of the facilitator-is-member and working-days checkboxes. */
export { CHECKED, input } from './form-kit';
/** Longest session title (non-confidential; shown in the channel). */
export const TITLE_MAX_LENGTH = 80;
/** Bounds of the asynchronous round window, in hours. */
export const ROUND_WINDOW_HOURS = { min: 1, max: 168, default: 24 } as const;

/** The field of one phase's live timebox, in minutes. */
export function timeboxField(phaseId: string): { block: string; action: string } {
  return { block: `timebox-${phaseId}`, action: 'minutes' };
}

/** Phases that have a live timebox worth setting (the agreement and the end take no time to speak of). */
export function timedPhases(format: Format): Format['phases'] {
  return format.phases.filter((p) => p.kind !== 'end' && p.kind !== 'agreement');
}

/**
 * How the group meets: live in writing (turns in the bot's forms), live on a
 * call (people talk; the bot keeps turns and phases), or asynchronously.
 */
export type Meeting = 'live' | 'call' | 'async';

/** What the modal starts with; `facilitator` is the person who opened it. */
export interface NewSessionDefaults {
  /** The channel the session runs in: where `/intervision new` was typed, or (with `pickChannel`) the one picked so far. */
  channel?: string;
  /** The form has a channel picker (opened from the App Home or the shortcut), instead of the channel it was opened in. */
  pickChannel?: boolean;
  facilitator: UserId;
  formatId?: string;
  mode?: Meeting;
  presenter?: UserId;
  members?: UserId[];
  facilitatorIsMember?: boolean;
  title?: string;
  timeboxMinutes?: Record<string, number>;
  roundWindowHours?: number;
  workingDaysOnly?: boolean;
  /** How the place is offered (PRIVATE_ROOMS); default offered. */
  placeChoice?: PlaceChoice;
  place?: Place;
  /** Who can read this channel, in words, for the thread option (e.g. "It is public: everyone in the workspace can read it."). */
  readers?: string;
  /**
   * Problems found after the form was sent (a person who is not one, a
   * channel the bot may not use), by the block they are about: each shown
   * right under its field, as Slack's own field errors are only possible in
   * the submission's answer.
   */
  problems?: Record<string, string>;
  /** The creator already confirmed the agreement (the form drawn again after it was sent). */
  agreed?: boolean;
}

/** Block id of the line under a field that shows a problem found after the form was sent. */
export function problemBlockId(block: string): string {
  return `problem-${block}`;
}

/** The blocks with each problem's line right under its field (at the top when the field is not there). */
function withProblems(blocks: Block[], problems: Record<string, string> = {}): Block[] {
  const shown = [...blocks];
  for (const [block, text] of Object.entries(problems)) {
    const line = context([`⚠️ ${text}`], problemBlockId(block));
    const at = shown.findIndex((b) => b.block_id === block);
    shown.splice(at < 0 ? 0 : at + 1, 0, line);
  }
  return shown;
}

const PLACES: Record<Place, { label: string; description: string }> = {
  room: { label: 'A private channel just for the participants', description: 'I create it and add each person once they confirm the agreement.' },
  thread: { label: "This channel's thread", description: 'Everyone who can read this channel can read the session.' },
};

/** The place field, or a line saying where the session will be when there is no choice. */
function placeBlocks(defaults: NewSessionDefaults): Block[] {
  const F = NEW_SESSION_FIELDS;
  const choice = defaults.placeChoice ?? 'offered';
  if (choice === 'required') return [context(['🔒 The session is held in a private channel just for the participants, who are added once they confirm the agreement.'], 'place-note')];
  if (choice === 'off') return [context([`⚠️ The session is held in this channel's thread. ${defaults.readers ?? PLACES.thread.description}`], 'place-note')];
  const description = (place: Place) => (place === 'thread' && defaults.readers ? defaults.readers : PLACES[place].description);
  const options = (Object.keys(PLACES) as Place[]).map((p) => option(PLACES[p].label, p, description(p)));
  return [
    input(F.place.block, 'Who can read the session', {
      type: 'radio_buttons',
      action_id: F.place.action,
      options,
      initial_option: options.find((o) => o.value === (defaults.place ?? 'room')),
    }),
  ];
}

const MODES: Record<Meeting, { label: string; description: string }> = {
  live: { label: 'Live, in writing', description: 'Together at one time; each turn is written in a form.' },
  call: { label: 'Live on a call', description: 'You talk (a huddle or video call); I keep the turns and phases.' },
  async: { label: 'Asynchronous', description: 'Over hours or days; rounds in parallel, reminders by DM.' },
};

/** What the session is: its format (the menu redraws the modal) and how people meet. */
function formatBlocks(formats: readonly Format[], format: Format, defaults: NewSessionDefaults): Block[] {
  const F = NEW_SESSION_FIELDS;
  const formatOptions = formats.slice(0, LIMITS.options).map((f) => option(f.name, f.id, f.summary));
  const mode = defaults.mode ?? 'live';
  const modeOptions = (Object.keys(MODES) as Meeting[]).map((m) => option(MODES[m].label, m, MODES[m].description));
  return [
    input(F.format.block, 'Format', {
      type: 'static_select',
      action_id: F.format.action,
      options: formatOptions,
      initial_option: formatOptions.find((o) => o.value === format.id),
    }, { dispatch: true }),
    input(F.mode.block, 'How you meet', {
      type: 'radio_buttons',
      action_id: F.mode.action,
      options: modeOptions,
      initial_option: modeOptions.find((o) => o.value === mode),
    }, { dispatch: true }),
  ];
}

/** The checkbox that makes the facilitator a member too: they then take turns like everyone else. */
export const FACILITATOR_TAKES_PART = {
  label: 'The facilitator takes turns too',
  option: 'The facilitator also gives inputs in the rounds, as a member',
  hint: 'Unticked, the facilitator only guides the steps and gives no inputs.',
} as const;

/** Who takes which role: presenter, facilitator, members, and whether the facilitator also gives inputs. */
function roleBlocks(format: Format, defaults: NewSessionDefaults): Block[] {
  const F = NEW_SESSION_FIELDS;
  const asMember = defaults.facilitatorIsMember ?? format.facilitatorIsMemberByDefault;
  return [
    input(F.presenter.block, 'Presenter (brings the case)', {
      type: 'users_select',
      action_id: F.presenter.action,
      placeholder: plain('Who brings a case?', LIMITS.placeholder),
      ...(defaults.presenter ? { initial_user: defaults.presenter } : {}),
    }),
    input(F.facilitator.block, 'Facilitator (guides the steps)', {
      type: 'users_select',
      action_id: F.facilitator.action,
      initial_user: defaults.facilitator,
    }),
    input(F.members.block, 'Members', {
      type: 'multi_users_select',
      action_id: F.members.action,
      placeholder: plain('Invite members (others can join from the card)', LIMITS.placeholder),
      ...(defaults.members && defaults.members.length > 0 ? { initial_users: defaults.members } : {}),
    }, { optional: true }),
    input(F.facilitatorIsMember.block, FACILITATOR_TAKES_PART.label, checkbox(F.facilitatorIsMember.action, FACILITATOR_TAKES_PART.option, asMember), {
      optional: true,
      hint: FACILITATOR_TAKES_PART.hint,
    }),
  ];
}

/** The session's non-confidential title. */
function titleBlock(defaults: NewSessionDefaults): Block {
  const F = NEW_SESSION_FIELDS;
  return input(F.title.block, 'Title', {
    type: 'plain_text_input',
    action_id: F.title.action,
    max_length: TITLE_MAX_LENGTH,
    placeholder: plain('e.g. Team intervision, March', LIMITS.placeholder),
    ...(defaults.title ? { initial_value: defaults.title.slice(0, TITLE_MAX_LENGTH) } : {}),
  }, { hint: 'The title is shown in the channel and is not confidential: please keep case details out of it.' });
}

/** The confidentiality agreement the creator confirms. */
function agreementBlock(agreed: boolean): Block {
  const F = NEW_SESSION_FIELDS;
  return input(F.agreement.block, 'Confidentiality', checkbox(F.agreement.action, CREATOR_AGREEMENT, agreed), {
    hint: 'Everyone else confirms it when they join; nobody acts in the session before that.',
  });
}

/** A live session's minutes per phase, prefilled from the format. */
function timeboxBlocks(format: Format, defaults: NewSessionDefaults, onCall: boolean): Block[] {
  return [
    header(onCall ? 'Live on a call: timeboxes' : 'Live session: timeboxes', 'timeboxes'),
    context([`Minutes per phase, prefilled from ${format.name}. The facilitator can always move on earlier or add time.`]),
    ...timedPhases(format).map((phase) =>
      input(timeboxField(phase.id).block, phase.title, numberInput('minutes', defaults.timeboxMinutes?.[phase.id] ?? phase.timebox.liveMinutes, 1, 120)),
    ),
  ];
}

/** An asynchronous session's round window and working days. */
function roundBlocks(defaults: NewSessionDefaults): Block[] {
  const F = NEW_SESSION_FIELDS;
  return [
    header('Asynchronous session: rounds', 'async'),
    input(
      F.roundWindow.block,
      'Hours each round stays open',
      numberInput(F.roundWindow.action, defaults.roundWindowHours ?? ROUND_WINDOW_HOURS.default, ROUND_WINDOW_HOURS.min, ROUND_WINDOW_HOURS.max),
      { hint: 'A round closes when everyone has taken their turn, or when this time is up (silence counts as a pass).' },
    ),
    input(F.workingDays.block, 'Working days', checkbox(F.workingDays.action, 'Count working days only (skip Saturday and Sunday)', defaults.workingDaysOnly ?? false), {
      optional: true,
    }),
  ];
}

/** Renders the new-session modal; redraw it with the chosen formatId when the format changes. */
export function newSessionModal(formats: readonly Format[], defaults: NewSessionDefaults): ModalView {
  const format = formats.find((f) => f.id === defaults.formatId) ?? formats[0];
  if (!format) throw new Error('newSessionModal: no formats');
  if (!defaults.pickChannel && !defaults.channel) throw new Error('newSessionModal: a channel, or a channel picker');
  const blocks: Block[] = withProblems([
    ...(defaults.pickChannel ? [channelBlock(defaults.channel)] : []),
    ...formatBlocks(formats, format, defaults),
    ...roleBlocks(format, defaults),
    titleBlock(defaults),
    ...placeBlocks(defaults),
    agreementBlock(defaults.agreed ?? false),
    // Only the fields of how the group meets: "How you meet" redraws the form (actions/mode-select.ts).
    ...((defaults.mode ?? 'live') === 'async' ? roundBlocks(defaults) : timeboxBlocks(format, defaults, defaults.mode === 'call')),
  ], defaults.problems);
  return {
    type: 'modal',
    callback_id: CALLBACKS.newSession,
    private_metadata: encodeNewSessionMeta(defaults.pickChannel ? undefined : defaults.channel),
    title: plain('New intervision session', LIMITS.modalTitle),
    submit: plain('Create', LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    blocks,
  };
}
