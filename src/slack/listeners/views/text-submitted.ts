import type { CommandBody } from '../../../engine/session';
import { MODAL_FIELDS } from '../../blocks';
import { type ActionRef, CALLBACKS, parseAction } from '../../ids';
import type { ListenerDeps } from '../support/deps';
import { personTr } from '../support/speech';
import { type SubmitHandler, submitCommand } from '../support/guard';

/**
 * The modals with one text field: an input, its edit, the presenter's answer,
 * a statement and an author's clarification. They differ only in the command their text becomes, so one
 * handler serves them all, from one table.
 */

/** The command a text modal's reference and text make; undefined when the reference lacks what the command needs. */
type TextCommand = (ref: ActionRef, text: string) => CommandBody | undefined;

/** Each text modal's callback id and how its submission becomes a command. */
export const TEXT_SUBMISSIONS: ReadonlyArray<{ callbackId: string; command: TextCommand }> = [
  {
    callbackId: CALLBACKS.input,
    command: (ref, text) => (ref.phaseId === undefined || ref.round === undefined ? undefined : { kind: 'input', phaseId: ref.phaseId, round: ref.round, text }),
  },
  { callbackId: CALLBACKS.edit, command: (ref, text) => (ref.inputId === undefined ? undefined : { kind: 'edit', inputId: ref.inputId, text }) },
  { callbackId: CALLBACKS.answer, command: (ref, text) => (ref.inputId === undefined ? undefined : { kind: 'answer', inputId: ref.inputId, text }) },
  { callbackId: CALLBACKS.statement, command: (ref, text) => (ref.phaseId === undefined ? undefined : { kind: 'statement', phaseId: ref.phaseId, text }) },
  { callbackId: CALLBACKS.clarify, command: (ref, text) => (ref.inputId === undefined ? undefined : { kind: 'clarify', inputId: ref.inputId, text }) },
];

/** A text modal's submission: its text becomes `command`, and a refusal shows on the text field. */
export function textSubmitted(command: TextCommand): (deps: ListenerDeps) => SubmitHandler {
  const T = MODAL_FIELDS;
  return (deps) => async (s) => {
    const ref = parseAction(s.privateMetadata);
    const body = ref ? command(ref, s.values.text(T.text, T.text) ?? '') : undefined;
    if (!ref || !body) return { [T.text]: (await personTr(deps, s.user))('replies:formOutOfDate') };
    return submitCommand(deps, s, ref.sessionId, ref.seq, body, T.text);
  };
}
