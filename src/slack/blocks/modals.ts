import type { ChoicePhase, EvaluationPhase, Format, RoundsPhase, StatementPhase } from '../../engine/formats/schema';
import { inputSpecOf } from '../../engine/queries';
import type { Evaluation, Input, Session } from '../../engine/session';
import { ANSWER_MAX, EVALUATION_MAX, REMARK_MAX } from '../../engine/text';
import { LIMITS, escapeBounded, escapeText, mention, truncate } from '../escape';
import { type ActionRef, CALLBACKS, encodeAction } from '../ids';
import { type Block, type ModalView, context, option, plain, section } from './kit';
import { input } from './new-session-modal';
import { recallBlocks } from './phase-recall';
import { capitalized } from './words';

/**
 * The small modals people write in: an input, an answer, a statement, an
 * evaluation, the agreement before joining, more time, a remark. Each carries
 * the reference it was opened for in private_metadata; the listener re-checks
 * it against the stored session.
 */

export { NEW_SESSION_FIELDS, newSessionModal, timeboxField, timedPhases, CHECKED, TITLE_MAX_LENGTH, ROUND_WINDOW_HOURS } from './new-session-modal';
export type { NewSessionDefaults } from './new-session-modal';

/** Block ids (and action ids: the same word) of the modal fields, for `response_action: errors`. */
export const MODAL_FIELDS = {
  text: 'text',
  useful: 'useful',
  what: 'what',
  agree: 'agree',
  minutes: 'minutes',
  hours: 'hours',
  remark: 'remark',
  named: 'named',
} as const;

/** The option value of the agreement checkbox. */
export const AGREED = 'agreed';

const DELETED_NOTE = 'The bot posts it in the session thread; it is deleted when the session closes.';

function modal(callbackId: string, title: string, submit: string, ref: ActionRef, blocks: Block[]): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: encodeAction(ref),
    title: plain(title, LIMITS.modalTitle),
    submit: plain(submit, LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    blocks,
  };
}

function textField(label: string, maxLength: number, hint: string, initial?: string, optional = false): Block {
  return input(
    MODAL_FIELDS.text,
    label,
    {
      type: 'plain_text_input',
      action_id: MODAL_FIELDS.text,
      multiline: true,
      max_length: Math.min(maxLength, LIMITS.plainTextInput),
      ...(initial !== undefined && initial !== '' ? { initial_value: initial.slice(0, maxLength) } : {}),
    },
    { hint, optional },
  );
}

/** The words of the note to an input said aloud on a call; `presenter` is the format's word, with its article. */
const NOTE_WORDS = {
  title: 'Done, with a note',
  editTitle: 'Edit your note',
  label: 'Your note (optional)',
  hint: (presenter: string) => `You said it aloud; a few words here help ${presenter} remember it. You may leave this empty.`,
} as const;

/**
 * The modal to give an input in a rounds phase (with `initial`, to edit one),
 * in the session's words: the chosen method's noun, and the hint for what can
 * be observed in writing when the session is asynchronous. On a call
 * (`spoken`) it is the optional note to what was said aloud.
 */
export function inputModal(session: Session, format: Format, phase: RoundsPhase, ref: ActionRef, initial?: string, spoken = false): ModalView {
  const editing = initial !== undefined;
  const spec = inputSpecOf(session, format, phase);
  const callback = editing ? CALLBACKS.edit : CALLBACKS.input;
  const submit = editing ? 'Save' : 'Send';
  if (spoken) {
    return modal(callback, editing ? NOTE_WORDS.editTitle : NOTE_WORDS.title, submit, ref, [
      textField(NOTE_WORDS.label, spec.maxLength, NOTE_WORDS.hint(format.roles.presenter.definite), initial, true),
      context([DELETED_NOTE]),
    ]);
  }
  const hint = session.settings.mode === 'async' ? (spec.asyncHint ?? spec.hint) : spec.hint;
  return modal(callback, editing ? `Edit: ${spec.noun.singular}` : spec.label, submit, ref, [
    ...recallBlocks(session, format, phase),
    textField(capitalized(spec.noun.singular), spec.maxLength, hint, initial),
    context([DELETED_NOTE]),
  ]);
}

/** The words of the presenter's picks in their own words, on a call. */
const PICKS_WORDS = {
  title: 'Your picks',
  label: 'The ones that helped most, in your words',
  hint: 'They were said aloud: name them as you remember them (e.g. “Mateo: silent writing first”). Any you chose in the list count too.',
} as const;

/** On a call: the presenter names their picks in their own words (and adds the phase's remark, if it asks for one). */
export function namedPicksModal(phase: ChoicePhase, ref: ActionRef): ModalView {
  const remark = phase.remarkLabel
    ? [input(MODAL_FIELDS.remark, capitalized(phase.remarkLabel), { type: 'plain_text_input', action_id: MODAL_FIELDS.remark, multiline: true, max_length: REMARK_MAX }, { optional: true })]
    : [];
  return modal(CALLBACKS.picksNamed, PICKS_WORDS.title, 'Save', ref, [
    input(MODAL_FIELDS.named, PICKS_WORDS.label, { type: 'plain_text_input', action_id: MODAL_FIELDS.named, multiline: true, max_length: REMARK_MAX }, { optional: true, hint: PICKS_WORDS.hint }),
    ...remark,
    context([DELETED_NOTE]),
  ]);
}

/** The presenter's modal to answer one question; `label` is its number on the board ("Q3"). */
export function answerModal(question: Input, ref: ActionRef, label = 'The question'): ModalView {
  return modal(CALLBACKS.answer, 'Answer a question', 'Send', ref, [
    section(`*${escapeText(label)}* · ${mention(question.author)} asked:\n>${escapeBounded(question.text, LIMITS.sectionText - 100).replace(/\n/g, '\n>')}`, 'question'),
    textField('Your answer', ANSWER_MAX, 'A brief answer is enough; there is no discussion.'),
  ]);
}

/** The presenter's modal to write their statement (the case story, the key question). */
export function statementModal(phase: StatementPhase, ref: ActionRef, initial?: string): ModalView {
  const hint =
    phase.text === 'optional'
      ? 'Write as much as helps; you can also tell it aloud. Everyone in the session reads it in the thread.'
      : 'Everyone in the session reads it in the thread.';
  return modal(CALLBACKS.statement, phase.textLabel, 'Share', ref, [
    section(escapeText(phase.instruction), 'instruction'),
    textField(phase.textLabel, phase.maxLength, hint, initial),
    context([DELETED_NOTE]),
  ]);
}

const USEFUL_OPTIONS = [option('Yes', 'yes'), option('Partly', 'partly'), option('Not really', 'no')];

/** The evaluation modal: useful yes / partly / no, and optionally what specifically. */
export function evaluationModal(phase: EvaluationPhase, ref: ActionRef, asPresenter: boolean, initial?: Evaluation): ModalView {
  const question = asPresenter ? phase.question : phase.memberQuestion;
  const chosen = USEFUL_OPTIONS.find((o) => o.value === initial?.useful);
  return modal(CALLBACKS.evaluate, 'Evaluate', 'Send', ref, [
    input(MODAL_FIELDS.useful, question, {
      type: 'radio_buttons',
      action_id: MODAL_FIELDS.useful,
      options: USEFUL_OPTIONS,
      ...(chosen ? { initial_option: chosen } : {}),
    }),
    input(
      MODAL_FIELDS.what,
      'What specifically?',
      {
        type: 'plain_text_input',
        action_id: MODAL_FIELDS.what,
        multiline: true,
        max_length: EVALUATION_MAX,
        ...(initial?.what ? { initial_value: initial.what.slice(0, EVALUATION_MAX) } : {}),
      },
      { optional: true, hint: 'Optional. One or two sentences are plenty.' },
    ),
  ]);
}

/** Confirms the confidentiality agreement before joining. */
export function joinModal(agreementText: string, ref: ActionRef): ModalView {
  const agree = option('I agree', AGREED);
  const quoted = escapeText(truncate(agreementText, 2000))
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return modal(CALLBACKS.join, 'Join the session', 'Agree and join', ref, [
    section('Before you join, please read and confirm the confidentiality agreement:', 'intro'),
    section(quoted, 'agreement'),
    input(MODAL_FIELDS.agree, 'Your confirmation', { type: 'checkboxes', action_id: MODAL_FIELDS.agree, options: [agree] }),
  ]);
}

/** Longest asynchronous extension at once, in hours: a week (as the engine allows). */
export const EXTEND_HOURS_MAX = 168;

/** The facilitator adds time to an asynchronous round or presenter step: hours, not minutes. */
export function extendHoursModal(ref: ActionRef, hours = 24): ModalView {
  return modal(CALLBACKS.extend, 'More time', 'Add time', ref, [
    input(MODAL_FIELDS.hours, 'Hours to add', {
      type: 'number_input',
      action_id: MODAL_FIELDS.hours,
      is_decimal_allowed: false,
      initial_value: String(Math.min(EXTEND_HOURS_MAX, Math.max(1, Math.round(hours)))),
      min_value: '1',
      max_value: String(EXTEND_HOURS_MAX),
    }, { hint: 'The deadline moves by this much; reminders follow it.' }),
  ]);
}

/** The facilitator adds time to a live timebox. */
export function extendModal(ref: ActionRef, minutes = 5): ModalView {
  return modal(CALLBACKS.extend, 'More time', 'Add time', ref, [
    input(MODAL_FIELDS.minutes, 'Minutes to add', {
      type: 'number_input',
      action_id: MODAL_FIELDS.minutes,
      is_decimal_allowed: false,
      initial_value: String(Math.min(120, Math.max(1, Math.round(minutes)))),
      min_value: '1',
      max_value: '120',
    }),
  ]);
}

/** The presenter's remark with their picks ("what you take away"). */
export function remarkModal(phase: ChoicePhase, ref: ActionRef, initial?: string): ModalView {
  const label = phase.remarkLabel ?? 'Your remark';
  return modal(CALLBACKS.remark, 'Add a remark', 'Save', ref, [
    input(
      MODAL_FIELDS.remark,
      capitalized(label),
      {
        type: 'plain_text_input',
        action_id: MODAL_FIELDS.remark,
        multiline: true,
        max_length: REMARK_MAX,
        ...(initial ? { initial_value: initial.slice(0, REMARK_MAX) } : {}),
      },
      { hint: 'Shown with your picks in the thread.' },
    ),
  ]);
}
