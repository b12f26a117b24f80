import type { Translator } from '../../../i18n';
import { type ModalView, notDoneView } from '../../blocks';

/**
 * How a modal submission's answer reaches the person: never a modal closed
 * as if it were taken when it was not. Slack shows `errors` only under the
 * modal's input blocks (and refuses the whole answer if one names another
 * block), so a message meant for a block the modal does not have goes on
 * its first input; a modal without inputs is replaced by a small view that
 * says why (`update`).
 */

/**
 * What a submission handler answers: field errors by block id, nothing
 * (taken: the modal closes), a view to replace the modal (`update`), or the
 * modal closed (`close`); the last two with work to do once Slack has the
 * answer (`afterAck`: it must not throw; it shows its own outcome).
 */
export type SubmitAnswer =
  | Record<string, string>
  | undefined
  | { update: ModalView; afterAck?: () => Promise<void> }
  | { close: true; afterAck: () => Promise<void> };

/** The ack for a submission (Bolt's `ack` argument); undefined closes the modal. */
export type SubmitAck = { response_action: 'errors'; errors: Record<string, string> } | { response_action: 'update'; view: ModalView } | undefined;

/** Whether a submission's answer replaces the modal (rather than listing field errors). */
export function isUpdate(answer: SubmitAnswer): answer is { update: ModalView; afterAck?: () => Promise<void> } {
  return answer !== undefined && typeof (answer as { update?: unknown }).update === 'object';
}

/** Whether a submission's answer closes the modal with work to follow (rather than listing field errors). */
export function isClose(answer: SubmitAnswer): answer is { close: true; afterAck: () => Promise<void> } {
  return answer !== undefined && (answer as { close?: unknown }).close === true;
}

/** The work a submission's answer leaves for after Slack has it, if any. */
export function afterAckOf(answer: SubmitAnswer): (() => Promise<void>) | undefined {
  return isUpdate(answer) || isClose(answer) ? answer.afterAck : undefined;
}

/** The ack that says `message` in a modal whose input blocks are `inputBlocks`: under the first, or instead of the modal. */
export function sayInModal(tr: Translator, message: string, inputBlocks: readonly string[]): NonNullable<SubmitAck> {
  const [first] = inputBlocks;
  return first === undefined ? { response_action: 'update', view: notDoneView(tr, message) } : { response_action: 'errors', errors: { [first]: message } };
}

/** The ack that shows `answer` in a modal whose input blocks are `inputBlocks` (`tr`: the words of a view that replaces it, asked for only then). */
export async function visibleAck(answer: SubmitAnswer, inputBlocks: readonly string[], tr: () => Promise<Translator>): Promise<SubmitAck> {
  if (answer === undefined || isClose(answer)) return undefined;
  if (isUpdate(answer)) return { response_action: 'update', view: answer.update };
  const errors: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const [block, message] of Object.entries(answer)) {
    if (inputBlocks.includes(block)) errors[block] = message;
    else elsewhere.push(message);
  }
  const [message] = elsewhere;
  if (message === undefined) return { response_action: 'errors', errors };
  const said = sayInModal(await tr(), message, inputBlocks);
  return said.response_action === 'errors' ? { response_action: 'errors', errors: { ...said.errors, ...errors } } : said;
}
