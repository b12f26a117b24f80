import type { Format } from '../../engine/formats/schema';
import type { UserId } from '../../engine/session';
import { LIMITS } from '../escape';
import { ACTIONS, CALLBACKS, encodeNewSessionMeta } from '../ids';
import { checkbox, input, numberInput } from './form-kit';
import { CHANNEL_FIELD, channelBlock } from './new-session-channel';
import { type Block, type ModalView, context, header, option, plain } from './kit';
import { localFormats } from '../../i18n/formats';
import { LANGUAGES, t, translator, type Language, type Translator } from '../../i18n';

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
  language: { block: 'language', action: ACTIONS.languageSelect },
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

/** The agreement the creator confirms in the form, as everyone else does with Join (its English words: tests and docs name it). */
export const CREATOR_AGREEMENT = t('en', 'form:agreement.option');

/** The checkbox that makes the facilitator a member too, in English. */
export const FACILITATOR_TAKES_PART = {
  label: t('en', 'form:takesPart.label'),
  option: t('en', 'form:takesPart.option'),
  hint: t('en', 'form:takesPart.hint'),
} as const;

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
  /** The session's language, and so the form's (default English): the opener's Slack locale's, or DEFAULT_LANGUAGE, until they choose. */
  language?: Language;
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
function withProblems(tr: Translator, blocks: Block[], problems: Record<string, string> = {}): Block[] {
  const shown = [...blocks];
  for (const [block, text] of Object.entries(problems)) {
    const line = context([tr('form:problem', { text })], problemBlockId(block));
    const at = shown.findIndex((b) => b.block_id === block);
    shown.splice(at < 0 ? 0 : at + 1, 0, line);
  }
  return shown;
}

const PLACES: readonly Place[] = ['room', 'thread'];

/** The place field, or a line saying where the session will be when there is no choice. */
function placeBlocks(tr: Translator, defaults: NewSessionDefaults): Block[] {
  const F = NEW_SESSION_FIELDS;
  const choice = defaults.placeChoice ?? 'offered';
  if (choice === 'required') return [context([tr('form:place.required')], 'place-note')];
  if (choice === 'off') return [context([tr('form:place.off', { readers: defaults.readers ?? tr('form:place.thread.description') })], 'place-note')];
  const description = (place: Place) => (place === 'thread' && defaults.readers ? defaults.readers : tr(`form:place.${place}.description`));
  const options = PLACES.map((p) => option(tr(`form:place.${p}.label`), p, description(p)));
  return [
    input(F.place.block, tr('form:place.label'), {
      type: 'radio_buttons',
      action_id: F.place.action,
      options,
      initial_option: options.find((o) => o.value === (defaults.place ?? 'room')),
    }),
  ];
}

const MODES: readonly Meeting[] = ['live', 'call', 'async'];

/** What the session is: its format (the menu redraws the modal) and how people meet. */
function formatBlocks(tr: Translator, formats: readonly Format[], format: Format, defaults: NewSessionDefaults): Block[] {
  const F = NEW_SESSION_FIELDS;
  const formatOptions = formats.slice(0, LIMITS.options).map((f) => option(f.name, f.id, f.summary));
  const mode = defaults.mode ?? 'live';
  const modeOptions = MODES.map((m) => option(tr(`form:mode.${m}.label`), m, tr(`form:mode.${m}.description`)));
  return [
    input(F.format.block, tr('form:format'), {
      type: 'static_select',
      action_id: F.format.action,
      options: formatOptions,
      initial_option: formatOptions.find((o) => o.value === format.id),
    }, { dispatch: true }),
    input(F.mode.block, tr('form:mode.label'), {
      type: 'radio_buttons',
      action_id: F.mode.action,
      options: modeOptions,
      initial_option: modeOptions.find((o) => o.value === mode),
    }, { dispatch: true }),
    languageBlock(tr, defaults.language ?? 'en'),
  ];
}

/** The session's language: everything about the session is said in it; choosing another redraws the form in it (actions/language-select.ts). */
function languageBlock(tr: Translator, chosen: Language): Block {
  const F = NEW_SESSION_FIELDS;
  const options = LANGUAGES.map((language) => option(tr(`common:languageNames.${language}`), language));
  return input(F.language.block, tr('form:language.label'), {
    type: 'static_select',
    action_id: F.language.action,
    options,
    initial_option: options.find((o) => o.value === chosen),
  }, { dispatch: true, hint: tr('form:language.hint') });
}

/** Who takes which role: presenter, facilitator, members, and whether the facilitator also gives inputs. */
function roleBlocks(tr: Translator, format: Format, defaults: NewSessionDefaults): Block[] {
  const F = NEW_SESSION_FIELDS;
  const asMember = defaults.facilitatorIsMember ?? format.facilitatorIsMemberByDefault;
  return [
    input(F.presenter.block, tr('form:presenter.label'), {
      type: 'users_select',
      action_id: F.presenter.action,
      placeholder: plain(tr('form:presenter.placeholder'), LIMITS.placeholder),
      ...(defaults.presenter ? { initial_user: defaults.presenter } : {}),
    }),
    input(F.facilitator.block, tr('form:facilitator.label'), {
      type: 'users_select',
      action_id: F.facilitator.action,
      initial_user: defaults.facilitator,
    }),
    input(F.members.block, tr('form:members.label'), {
      type: 'multi_users_select',
      action_id: F.members.action,
      placeholder: plain(tr('form:members.placeholder'), LIMITS.placeholder),
      ...(defaults.members && defaults.members.length > 0 ? { initial_users: defaults.members } : {}),
    }, { optional: true }),
    input(F.facilitatorIsMember.block, tr('form:takesPart.label'), checkbox(F.facilitatorIsMember.action, tr('form:takesPart.option'), asMember), {
      optional: true,
      hint: tr('form:takesPart.hint'),
    }),
  ];
}

/** The session's non-confidential title. */
function titleBlock(tr: Translator, defaults: NewSessionDefaults): Block {
  const F = NEW_SESSION_FIELDS;
  return input(F.title.block, tr('form:title.label'), {
    type: 'plain_text_input',
    action_id: F.title.action,
    max_length: TITLE_MAX_LENGTH,
    placeholder: plain(tr('form:title.placeholder'), LIMITS.placeholder),
    ...(defaults.title ? { initial_value: defaults.title.slice(0, TITLE_MAX_LENGTH) } : {}),
  }, { hint: tr('form:title.hint') });
}

/** The confidentiality agreement the creator confirms, as everyone else does with Join. */
function agreementBlock(tr: Translator, agreed: boolean): Block {
  const F = NEW_SESSION_FIELDS;
  return input(F.agreement.block, tr('form:agreement.label'), checkbox(F.agreement.action, tr('form:agreement.option'), agreed), {
    hint: tr('form:agreement.hint'),
  });
}

/** A live session's minutes per phase, prefilled from the format. */
function timeboxBlocks(tr: Translator, format: Format, defaults: NewSessionDefaults, onCall: boolean): Block[] {
  return [
    header(tr(onCall ? 'form:timeboxes.call' : 'form:timeboxes.live'), 'timeboxes'),
    context([tr('form:timeboxes.note', { format: format.name })]),
    ...timedPhases(format).map((phase) =>
      input(timeboxField(phase.id).block, phase.title, numberInput('minutes', defaults.timeboxMinutes?.[phase.id] ?? phase.timebox.liveMinutes, 1, 120)),
    ),
  ];
}

/** An asynchronous session's round window and working days. */
function roundBlocks(tr: Translator, defaults: NewSessionDefaults): Block[] {
  const F = NEW_SESSION_FIELDS;
  return [
    header(tr('form:rounds.header'), 'async'),
    input(
      F.roundWindow.block,
      tr('form:rounds.window'),
      numberInput(F.roundWindow.action, defaults.roundWindowHours ?? ROUND_WINDOW_HOURS.default, ROUND_WINDOW_HOURS.min, ROUND_WINDOW_HOURS.max),
      { hint: tr('form:rounds.windowHint') },
    ),
    input(F.workingDays.block, tr('form:rounds.workingDays'), checkbox(F.workingDays.action, tr('form:rounds.workingDaysOnly'), defaults.workingDaysOnly ?? false), {
      optional: true,
    }),
  ];
}

/** Renders the new-session modal in the session's language; redraw it with the chosen formatId when the format changes. */
export function newSessionModal(shipped: readonly Format[], defaults: NewSessionDefaults): ModalView {
  const lang = defaults.language ?? 'en';
  const tr = translator(lang);
  const formats = localFormats(shipped, lang);
  const format = formats.find((f) => f.id === defaults.formatId) ?? formats[0];
  if (!format) throw new Error('newSessionModal: no formats');
  if (!defaults.pickChannel && !defaults.channel) throw new Error('newSessionModal: a channel, or a channel picker');
  const blocks: Block[] = withProblems(tr, [
    ...(defaults.pickChannel ? [channelBlock(tr, defaults.channel)] : []),
    ...formatBlocks(tr, formats, format, defaults),
    ...roleBlocks(tr, format, defaults),
    titleBlock(tr, defaults),
    ...placeBlocks(tr, defaults),
    agreementBlock(tr, defaults.agreed ?? false),
    // Only the fields of how the group meets: "How you meet" redraws the form (actions/mode-select.ts).
    ...((defaults.mode ?? 'live') === 'async' ? roundBlocks(tr, defaults) : timeboxBlocks(tr, format, defaults, defaults.mode === 'call')),
  ], defaults.problems);
  return {
    type: 'modal',
    callback_id: CALLBACKS.newSession,
    private_metadata: encodeNewSessionMeta(defaults.pickChannel ? undefined : defaults.channel),
    title: plain(tr('form:modalTitle'), LIMITS.modalTitle),
    submit: plain(tr('form:create'), LIMITS.modalButton),
    close: plain(tr('modals:cancel'), LIMITS.modalButton),
    blocks,
  };
}
