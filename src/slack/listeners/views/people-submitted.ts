import { PEOPLE_FIELD } from '../../blocks';
import { parseAction } from '../../ids';
import type { ListenerDeps } from '../support/deps';
import { personTr, refusalFor } from '../support/speech';
import type { SubmitHandler } from '../support/guard';
import { whyNotAPerson } from '../support/users';

/** The People modal (actions/people.ts): the facilitator sets the members before the start; only people, no bots. */
export function peopleSubmitted(deps: ListenerDeps): SubmitHandler {
  return async (s) => {
    const ref = parseAction(s.privateMetadata);
    if (!ref) return { [PEOPLE_FIELD.block]: (await personTr(deps, s.user))('replies:cardFormOutOfDate') };
    const chosen = [...new Set(s.values.users(PEOPLE_FIELD.block, PEOPLE_FIELD.action))];
    const found = await deps.users.many(chosen);
    const tr = await personTr(deps, s.user);
    const problem = chosen.map((user) => whyNotAPerson(tr, found.get(user))).find((why) => why !== undefined);
    if (problem) return { [PEOPLE_FIELD.block]: problem };
    const result = await deps.services.dispatch(ref.sessionId, { id: s.commandId, actor: s.user, seq: ref.seq, kind: 'set-members', members: chosen });
    return result.ok ? undefined : { [PEOPLE_FIELD.block]: await refusalFor(deps, s.user, result) };
  };
}
