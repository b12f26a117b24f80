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
import { capitalized } from './words';

/**
 * What the facilitator's guarding of the rules shows: the form to hide an
 * input with a reason, the author's form for their one clarification, and
 * the private notes to the author. The notes name the session by its
 * non-confidential title and the input by its board label: never what was
 * written.
 */

/** Block and action ids of the forms' fields: the reason to hide; the clarification is a text modal's one field (`MODAL_FIELDS.text`). */
export const GUARD_FIELDS = { reason: 'reason', clarification: MODAL_FIELDS.text } as const;

/** What the author did with their input: wrote it, or (on a call, `spoken`) said it aloud. */
function didWith(spoken: boolean): string {
  return spoken ? 'said' : 'wrote';
}

/** The input as the board shows it: its text, or (on a call) "said it aloud" and its note. */
function quoted(input: Input, label: string): Block {
  const text = inputWords(input, LIMITS.sectionText - 200).replace(/\n/g, '\n> ');
  return section(`*${escapeText(label)}* · ${mention(input.author)}:\n> ${text}`, 'quoted');
}

/** The facilitator's form to take an input off the board, for one of the format's reasons. */
export function hideModal(session: Session, format: Format, input: Input, label: string, ref: ActionRef): ModalView {
  const { presenter } = format.roles;
  return {
    type: 'modal',
    callback_id: CALLBACKS.hide,
    private_metadata: encodeAction(ref),
    title: plain(`Hide ${label}?`, LIMITS.modalTitle),
    submit: plain('Hide it', LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    blocks: [
      quoted(input, label),
      inputBlock(GUARD_FIELDS.reason, 'Why', {
        type: 'radio_buttons',
        action_id: GUARD_FIELDS.reason,
        options: format.hideReasons.map((reason) => option(reason.label, reason.id)),
      }),
      context([
        `It leaves the board and the private copy for ${escapeText(presenter.definite)}. ${mention(input.author)} gets a kind note with the reason you choose, privately; nobody else is told.`,
      ]),
    ],
  };
}

/** The author's form for the one clarification the facilitator asked for. */
export function clarifyModal(format: Format, input: Input, label: string, ref: ActionRef): ModalView {
  const did = didWith(input.spoken === true);
  return {
    type: 'modal',
    callback_id: CALLBACKS.clarify,
    private_metadata: encodeAction(ref),
    title: plain('Add a clarification', LIMITS.modalTitle),
    submit: plain('Add', LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    blocks: [
      section(`${escapeText(capitalized(format.roles.facilitator.definite))} asks you to clarify what you ${did}:`, 'asked'),
      quoted(input, label),
      inputBlock(
        GUARD_FIELDS.clarification,
        'Your clarification',
        { type: 'plain_text_input', action_id: GUARD_FIELDS.clarification, multiline: true, max_length: CLARIFICATION_MAX },
        { hint: `A sentence or two: what exactly, and why. It is shown under what you ${did}; you add it once.` },
      ),
    ],
  };
}

/** The author's private, kind note: the facilitator took their input off the board, and why. `spoken`: said aloud on a call. */
export function hiddenNote(session: Session, format: Format, phase: RoundsPhase, label: string, reason: HideReason, spoken = false): MessagePayload {
  const { facilitator } = format.roles;
  const did = didWith(spoken);
  return {
    text: `${capitalized(facilitator.definite)} took something you ${did} off the board`,
    blocks: [
      section(
        `${escapeText(capitalized(facilitator.definite))} (${mention(session.facilitator)}) took *${escapeText(label)}*, which you ${did} in *${escapeText(phase.title)}* of ${sessionName(session)}, off the board.`,
        'hidden',
      ),
      section(escapeText(reason.note), 'hidden-why'),
      context([`Only you receive this note. What you ${did} is no longer shown in the session thread, nor in anyone’s copy.`]),
    ],
  };
}

/** The author's private note: the facilitator asks for a clarification, with the button that opens the form. `spoken`: said aloud on a call. */
export function clarifyRequest(session: Session, format: Format, phase: RoundsPhase, label: string, inputId: string, spoken = false): MessagePayload {
  const { facilitator } = format.roles;
  const did = didWith(spoken);
  const value = encodeAction({ sessionId: session.id, seq: session.seq, phaseId: phase.id, inputId });
  return {
    text: `${capitalized(facilitator.definite)} asks you to clarify something you ${did}`,
    blocks: [
      section(
        `${escapeText(capitalized(facilitator.definite))} (${mention(session.facilitator)}) asks you to clarify *${escapeText(label)}*, which you ${did} in *${escapeText(phase.title)}* of ${sessionName(session)}: a sentence or two on what exactly, and why.`,
        'clarify',
      ),
      actions('clarify-actions', [button(`Clarify ${label}`, ACTIONS.clarify, value, { style: 'primary' })]) as Block,
      context([`Your clarification is shown under what you ${did} in the session thread, and deleted when the session closes.`]),
    ],
  };
}
