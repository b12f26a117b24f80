import type { Format, HideReason, RoundsPhase } from '../../engine/formats/schema';
import type { Input, Session } from '../../engine/session';
import { CLARIFICATION_MAX } from '../../engine/text';
import { LIMITS, escapeText, mention } from '../escape';
import { type ActionRef, ACTIONS, CALLBACKS, encodeAction } from '../ids';
import { type Block, type MessagePayload, type ModalView, actions, button, context, option, plain, section } from './kit';
import { sessionName } from './dms';
import { MODAL_FIELDS } from './modals';
import { input as inputBlock } from './new-session-modal';
import { inputWords } from './turns';
import { escapedNoun, trOf, type Translator } from './words';

/**
 * What the facilitator's guarding of the rules shows: the form to hide an
 * input with a reason, the author's form for their one clarification, and
 * the private notes to the author. The notes name the session by its
 * non-confidential title and the input by its board label: never what was
 * written.
 */

/** Block and action ids of the forms' fields: the reason to hide; the clarification is a text modal's one field (`MODAL_FIELDS.text`). */
export const GUARD_FIELDS = { reason: 'reason', clarification: MODAL_FIELDS.text } as const;

/**
 * What the author did with their input, as the sentences about it say it:
 * wrote it, or (on a call, `spoken`) said it aloud. Each sentence has both
 * forms in the catalog ("…what you wrote", "…what you said"), so no verb is
 * put into a sentence of another language.
 */
function did(spoken: boolean): 'wrote' | 'said' {
  return spoken ? 'said' : 'wrote';
}

/** The input as the board shows it: its text, or (on a call) "said it aloud" and its note. */
function quoted(tr: Translator, input: Input, label: string): Block {
  const text = inputWords(tr, input, LIMITS.sectionText - 200).replace(/\n/g, '\n> ');
  return section(`*${escapeText(label)}* · ${mention(input.author)}:\n> ${text}`, 'quoted');
}

/** The facilitator's form to take an input off the board, for one of the format's reasons. */
export function hideModal(session: Session, format: Format, input: Input, label: string, ref: ActionRef): ModalView {
  const tr = trOf(session);
  return {
    type: 'modal',
    callback_id: CALLBACKS.hide,
    private_metadata: encodeAction(ref),
    title: plain(tr('modals:hide.title', { label }), LIMITS.modalTitle),
    submit: plain(tr('modals:hide.submit'), LIMITS.modalButton),
    close: plain(tr('modals:cancel'), LIMITS.modalButton),
    blocks: [
      quoted(tr, input, label),
      inputBlock(GUARD_FIELDS.reason, tr('modals:hide.why'), {
        type: 'radio_buttons',
        action_id: GUARD_FIELDS.reason,
        options: format.hideReasons.map((reason) => option(reason.label, reason.id)),
      }),
      context([tr('modals:hide.note', { presenter: escapedNoun(format.roles.presenter), author: mention(input.author) })]),
    ],
  };
}

/** The author's form for the one clarification the facilitator asked for. */
export function clarifyModal(session: Session, format: Format, input: Input, label: string, ref: ActionRef): ModalView {
  const tr = trOf(session);
  const verb = did(input.spoken === true);
  return {
    type: 'modal',
    callback_id: CALLBACKS.clarify,
    private_metadata: encodeAction(ref),
    title: plain(tr('modals:clarify.title'), LIMITS.modalTitle),
    submit: plain(tr('modals:clarify.submit'), LIMITS.modalButton),
    close: plain(tr('modals:cancel'), LIMITS.modalButton),
    blocks: [
      section(tr(`modals:clarify.asked.${verb}`, { facilitator: escapedNoun(format.roles.facilitator) }), 'asked'),
      quoted(tr, input, label),
      inputBlock(
        GUARD_FIELDS.clarification,
        tr('modals:clarify.label'),
        { type: 'plain_text_input', action_id: GUARD_FIELDS.clarification, multiline: true, max_length: CLARIFICATION_MAX },
        { hint: tr(`modals:clarify.hint.${verb}`) },
      ),
    ],
  };
}

/** The author's private, kind note: the facilitator took their input off the board, and why. `spoken`: said aloud on a call. */
export function hiddenNote(session: Session, format: Format, phase: RoundsPhase, label: string, reason: HideReason, spoken = false): MessagePayload {
  const tr = trOf(session);
  const verb = did(spoken);
  const facilitator = format.roles.facilitator;
  const where = { user: mention(session.facilitator), label: escapeText(label), phase: escapeText(phase.title), session: sessionName(session) };
  return {
    text: tr(`dms:hidden.text.${verb}`, { facilitator }),
    blocks: [
      section(tr(`dms:hidden.first.${verb}`, { ...where, facilitator: escapedNoun(facilitator) }), 'hidden'),
      section(escapeText(reason.note), 'hidden-why'),
      context([tr(`dms:hidden.note.${verb}`)]),
    ],
  };
}

/** The author's private note: the facilitator asks for a clarification, with the button that opens the form. `spoken`: said aloud on a call. */
export function clarifyRequest(session: Session, format: Format, phase: RoundsPhase, label: string, inputId: string, spoken = false): MessagePayload {
  const tr = trOf(session);
  const verb = did(spoken);
  const facilitator = format.roles.facilitator;
  const value = encodeAction({ sessionId: session.id, seq: session.seq, phaseId: phase.id, inputId });
  const where = { user: mention(session.facilitator), label: escapeText(label), phase: escapeText(phase.title), session: sessionName(session) };
  return {
    text: tr(`dms:clarify.text.${verb}`, { facilitator }),
    blocks: [
      section(tr(`dms:clarify.first.${verb}`, { ...where, facilitator: escapedNoun(facilitator) }), 'clarify'),
      actions('clarify-actions', [button(tr('board:clarify', { label }), ACTIONS.clarify, value, { style: 'primary' })]) as Block,
      context([tr(`dms:clarify.note.${verb}`)]),
    ],
  };
}
