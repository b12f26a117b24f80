import { AGREED, MODAL_FIELDS, joinedView } from '../../blocks';
import { CALLBACKS, parseAction } from '../../ids';
import { type ListenerDeps, logFailure } from '../support/deps';
import { personTr, refusalFor } from '../support/speech';
import { trOf } from '../../blocks/words';
import type { SubmitAnswer, SubmitHandler } from '../support/guard';

/**
 * The agreement modal (actions/join.ts). Confirming shows at once: the modal
 * says so, the card marks the person ✓, and (in a channel thread) an
 * ephemeral beside the card; a private room appears in their sidebar.
 */
export function joinSubmitted(deps: ListenerDeps): SubmitHandler {
  const T = MODAL_FIELDS;
  return async (s, { client }): Promise<SubmitAnswer> => {
    const ref = parseAction(s.privateMetadata);
    if (!ref) return { [T.agree]: (await personTr(deps, s.user))('replies:formOutOfDate') };
    if (!s.values.options(T.agree, T.agree).includes(AGREED)) return { [T.agree]: (await personTr(deps, s.user))('form:errors.tickAgree') };
    const result = await deps.services.dispatch(ref.sessionId, { id: s.commandId, actor: s.user, seq: ref.seq, kind: 'join' });
    if (!result.ok) return { [T.agree]: await refusalFor(deps, s.user, result) };
    const { session } = result;
    if (!session.room && !result.duplicate) {
      await client.chat
        .postEphemeral({ channel: session.channel, user: s.user, text: trOf(session)('replies:joined') })
        .catch((error: unknown) => logFailure(deps.logger, { listener: 'view', callbackId: CALLBACKS.join }, error));
    }
    return { update: joinedView(session) };
  };
}
