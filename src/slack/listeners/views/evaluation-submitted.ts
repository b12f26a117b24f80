import { evaluationWhat } from '../../../engine/evaluation';
import type { Usefulness } from '../../../engine/session';
import { MODAL_FIELDS } from '../../blocks';
import { parseAction } from '../../ids';
import type { ListenerDeps } from '../support/deps';
import { personTr } from '../support/speech';
import { refusalText } from '../../refusals';
import { type SubmitHandler, submitCommand } from '../support/guard';

const USEFUL: readonly Usefulness[] = ['yes', 'partly', 'no'];

/** The evaluation modal: how useful the session was, and what specifically. */
export function evaluationSubmitted(deps: ListenerDeps): SubmitHandler {
  const T = MODAL_FIELDS;
  return async (s) => {
    const ref = parseAction(s.privateMetadata);
    if (!ref || ref.phaseId === undefined) return { [T.useful]: (await personTr(deps, s.user))('replies:formOutOfDate') };
    const useful = USEFUL.find((u) => u === s.values.option(T.useful, T.useful));
    if (!useful) return { [T.useful]: (await personTr(deps, s.user))('form:errors.chooseOne') };
    const what = s.values.text(T.what, T.what);
    // The engine refuses a text too long as well; asked here first, so the sentence appears under the text, not the choice.
    const cleaned = evaluationWhat(what);
    if ('ok' in cleaned) return { [T.what]: refusalText((await personTr(deps, s.user)).lang, undefined, cleaned) };
    const command = { kind: 'evaluate' as const, phaseId: ref.phaseId, useful, ...(what !== undefined ? { what } : {}) };
    return submitCommand(deps, s, ref.sessionId, ref.seq, command, T.useful);
  };
}
