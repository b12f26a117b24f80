import { GROUP_FORM_FIELDS } from '../../blocks/group-forms';
import { parseAction } from '../../ids';
import type { ListenerDeps } from '../support/deps';
import { personTr } from '../support/speech';
import { type SubmitHandler, submitCommand } from '../support/guard';

/** A member brings a case in the meeting itself: taken, or the engine's reason on the title. */
export function caseProposeSubmitted(deps: ListenerDeps): SubmitHandler {
  return async (submission) => {
    const F = GROUP_FORM_FIELDS.title;
    const ref = parseAction(submission.privateMetadata);
    if (!ref) return { [F.block]: (await personTr(deps, submission.user))('replies:formOutOfDate') };
    const title = submission.values.text(F.block, F.action) ?? '';
    return submitCommand(deps, submission, ref.sessionId, ref.seq, { kind: 'propose-case', ...(title.trim() !== '' ? { title } : {}) }, F.block);
  };
}
