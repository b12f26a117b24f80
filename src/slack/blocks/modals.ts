import type { ChoicePhase, EvaluationPhase, Format, RoundsPhase, StatementPhase } from '../../engine/formats/schema';
import { inputSpecOf } from '../../engine/queries';
import type { Evaluation, Input, Session } from '../../engine/session';
import { ANSWER_MAX, EVALUATION_MAX, REMARK_MAX } from '../../engine/text';
import { LIMITS, escapeBounded, escapeText, mention, truncate } from '../escape';
import { type ActionRef, CALLBACKS, encodeAction } from '../ids';
import { type Block, type ModalView, context, option, plain, section } from './kit';
import { input } from './new-session-modal';
import { recallBlocks } from './phase-recall';
import { capitalized, trOf, type Translator } from './words';

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

function modal(tr: Translator, callbackId: string, title: string, submit: string, ref: ActionRef, blocks: Block[]): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: encodeAction(ref),
    title: plain(title, LIMITS.modalTitle),
    submit: plain(submit, LIMITS.modalButton),
    close: plain(tr('modals:cancel'), LIMITS.modalButton),
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

/**
 * The modal to give an input in a rounds phase (with `initial`, to edit one),
 * in the session's words: the chosen method's noun, and the hint for what can
 * be observed in writing when the session is asynchronous. On a call
 * (`spoken`) it is the optional note to what was said aloud.
 */
export function inputModal(session: Session, format: Format, phase: RoundsPhase, ref: ActionRef, initial?: string, spoken = false): ModalView {
  const tr = trOf(session);
  const editing = initial !== undefined;
  const spec = inputSpecOf(session, format, phase);
  const callback = editing ? CALLBACKS.edit : CALLBACKS.input;
  const submit = tr(editing ? 'modals:save' : 'modals:send');
  if (spoken) {
    return modal(tr, callback, tr(editing ? 'modals:note.editTitle' : 'modals:note.title'), submit, ref, [
      textField(tr('modals:note.label'), spec.maxLength, tr('modals:note.hint', { presenter: format.roles.presenter }), initial, true),
      context([tr('modals:deletedNote')]),
    ]);
  }
  const hint = session.settings.mode === 'async' ? (spec.asyncHint ?? spec.hint) : spec.hint;
  return modal(tr, callback, editing ? tr('modals:input.editTitle', { input: spec.noun }) : spec.label, submit, ref, [
    ...recallBlocks(session, format, phase),
    textField(capitalized(spec.noun.singular), spec.maxLength, hint, initial),
    context([tr('modals:deletedNote')]),
  ]);
}

/** On a call: the presenter names their picks in their own words (and adds the phase's remark, if it asks for one). */
export function namedPicksModal(session: Session, phase: ChoicePhase, ref: ActionRef): ModalView {
  const tr = trOf(session);
  const remark = phase.remarkLabel
    ? [input(MODAL_FIELDS.remark, capitalized(phase.remarkLabel), { type: 'plain_text_input', action_id: MODAL_FIELDS.remark, multiline: true, max_length: REMARK_MAX }, { optional: true })]
    : [];
  return modal(tr, CALLBACKS.picksNamed, tr('modals:picks.title'), tr('modals:save'), ref, [
    input(MODAL_FIELDS.named, tr('modals:picks.label'), { type: 'plain_text_input', action_id: MODAL_FIELDS.named, multiline: true, max_length: REMARK_MAX }, { optional: true, hint: tr('modals:picks.hint') }),
    ...remark,
    context([tr('modals:deletedNote')]),
  ]);
}

/** The presenter's modal to answer one question; `label` is its number on the board ("Q3"). */
export function answerModal(session: Session, question: Input, ref: ActionRef, label?: string): ModalView {
  const tr = trOf(session);
  const asked = { label: escapeText(label ?? tr('modals:answer.question')), author: mention(question.author), text: escapeBounded(question.text, LIMITS.sectionText - 100).replace(/\n/g, '\n>') };
  return modal(tr, CALLBACKS.answer, tr('modals:answer.title'), tr('modals:send'), ref, [
    section(tr('modals:answer.asked', asked), 'question'),
    textField(tr('modals:answer.label'), ANSWER_MAX, tr('modals:answer.hint')),
  ]);
}

/** The presenter's modal to write their statement (the case story, the key question). */
export function statementModal(session: Session, phase: StatementPhase, ref: ActionRef, initial?: string): ModalView {
  const tr = trOf(session);
  const hint = tr(phase.text === 'optional' ? 'modals:statement.hintOptional' : 'modals:statement.hint');
  return modal(tr, CALLBACKS.statement, phase.textLabel, tr('modals:statement.share'), ref, [
    section(escapeText(phase.instruction), 'instruction'),
    textField(phase.textLabel, phase.maxLength, hint, initial),
    context([tr('modals:deletedNote')]),
  ]);
}

/** The evaluation modal: useful yes / partly / no, and optionally what specifically. */
export function evaluationModal(session: Session, phase: EvaluationPhase, ref: ActionRef, asPresenter: boolean, initial?: Evaluation): ModalView {
  const tr = trOf(session);
  const question = asPresenter ? phase.question : phase.memberQuestion;
  const options = [option(tr('modals:evaluate.yes'), 'yes'), option(tr('modals:evaluate.partly'), 'partly'), option(tr('modals:evaluate.no'), 'no')];
  const chosen = options.find((o) => o.value === initial?.useful);
  return modal(tr, CALLBACKS.evaluate, tr('step:evaluate'), tr('modals:send'), ref, [
    input(MODAL_FIELDS.useful, question, {
      type: 'radio_buttons',
      action_id: MODAL_FIELDS.useful,
      options,
      ...(chosen ? { initial_option: chosen } : {}),
    }),
    input(
      MODAL_FIELDS.what,
      tr('modals:evaluate.what'),
      {
        type: 'plain_text_input',
        action_id: MODAL_FIELDS.what,
        multiline: true,
        max_length: EVALUATION_MAX,
        ...(initial?.what ? { initial_value: initial.what.slice(0, EVALUATION_MAX) } : {}),
      },
      { optional: true, hint: tr('modals:evaluate.hint') },
    ),
  ]);
}

/** Confirms the confidentiality agreement before joining (`tr`: the session's language). */
export function joinModal(tr: Translator, agreementText: string, ref: ActionRef): ModalView {
  const agree = option(tr('step:actions.agree'), AGREED);
  const quoted = escapeText(truncate(agreementText, 2000))
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return modal(tr, CALLBACKS.join, tr('modals:join.title'), tr('modals:join.submit'), ref, [
    section(tr('modals:join.intro'), 'intro'),
    section(quoted, 'agreement'),
    input(MODAL_FIELDS.agree, tr('modals:join.label'), { type: 'checkboxes', action_id: MODAL_FIELDS.agree, options: [agree] }),
  ]);
}

/** Longest asynchronous extension at once, in hours: a week (as the engine allows). */
export const EXTEND_HOURS_MAX = 168;

/** The facilitator adds time to an asynchronous round or presenter step: hours, not minutes. */
export function extendHoursModal(tr: Translator, ref: ActionRef, hours = 24): ModalView {
  return modal(tr, CALLBACKS.extend, tr('step:actions.more'), tr('modals:extend.submit'), ref, [
    input(MODAL_FIELDS.hours, tr('modals:extend.hours'), {
      type: 'number_input',
      action_id: MODAL_FIELDS.hours,
      is_decimal_allowed: false,
      initial_value: String(Math.min(EXTEND_HOURS_MAX, Math.max(1, Math.round(hours)))),
      min_value: '1',
      max_value: String(EXTEND_HOURS_MAX),
    }, { hint: tr('modals:extend.hoursHint') }),
  ]);
}

/** The facilitator adds time to a live timebox. */
export function extendModal(tr: Translator, ref: ActionRef, minutes = 5): ModalView {
  return modal(tr, CALLBACKS.extend, tr('step:actions.more'), tr('modals:extend.submit'), ref, [
    input(MODAL_FIELDS.minutes, tr('modals:extend.minutes'), {
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
export function remarkModal(session: Session, phase: ChoicePhase, ref: ActionRef, initial?: string): ModalView {
  const tr = trOf(session);
  const label = phase.remarkLabel ?? tr('modals:remark.label');
  return modal(tr, CALLBACKS.remark, tr('modals:remark.title'), tr('modals:save'), ref, [
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
      { hint: tr('modals:remark.hint') },
    ),
  ]);
}
