import { MODAL_FIELDS } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import { personTr } from '../support/speech';
import { type SubmitHandler, submitCommand } from '../support/guard';
import { parseRemarkMeta } from '../support/remark-meta';

/** The remark modal (actions/remark.ts): the picks it carries and the remark, committed by one pick command. */
export function remarkSubmitted(deps: ListenerDeps): SubmitHandler {
  const T = MODAL_FIELDS;
  return async (s) => {
    const meta = parseRemarkMeta(s.privateMetadata);
    if (!meta || meta.ref.phaseId === undefined) return { [T.remark]: (await personTr(deps, s.user))('replies:formOutOfDate') };
    const remark = s.values.text(T.remark, T.remark);
    const command = { kind: 'pick' as const, phaseId: meta.ref.phaseId, items: meta.items, ...(remark !== undefined ? { remark } : {}) };
    return submitCommand(deps, s, meta.ref.sessionId, meta.ref.seq, command, T.remark);
  };
}
