import { GUARD_FIELDS, hiddenNote } from '../../blocks';
import { parseAction } from '../../ids';
import type { ListenerDeps } from '../support/deps';
import { personTr, refusalFor } from '../support/speech';
import type { SubmitAnswer, SubmitHandler } from '../support/guard';
import { inputAt, notePrivately } from '../support/guarding';

/** The hide form: the input leaves the board; once Slack has the answer, its author gets the kind note with the reason. */
export function hideSubmitted(deps: ListenerDeps): SubmitHandler {
  const field = GUARD_FIELDS.reason;
  return async (s, { client }): Promise<SubmitAnswer> => {
    const ref = parseAction(s.privateMetadata);
    if (!ref || ref.inputId === undefined) return { [field]: (await personTr(deps, s.user))('replies:formOutOfDate') };
    const reason = s.values.option(field, field);
    if (reason === undefined) return { [field]: (await personTr(deps, s.user))('form:errors.chooseWhy') };
    const inputId = ref.inputId;
    const result = await deps.services.dispatch(ref.sessionId, { id: s.commandId, actor: s.user, seq: ref.seq, kind: 'hide', inputId, reason });
    if (!result.ok) return { [field]: await refusalFor(deps, s.user, result) };
    const at = inputAt(deps, result.session, inputId);
    const why = at?.format.hideReasons.find((r) => r.id === reason);
    if (result.duplicate || !at || !why) return undefined;
    const note = hiddenNote(at.session, at.format, at.phase, at.label, why, at.input.spoken === true);
    return { close: true, afterAck: () => notePrivately(deps, client, at.input.author, note, at.session.id) };
  };
}
