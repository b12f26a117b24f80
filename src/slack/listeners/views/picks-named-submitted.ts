import { MODAL_FIELDS } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import { personTr } from '../support/speech';
import { type SubmitHandler, submitCommand } from '../support/guard';
import { parsePicksMeta } from '../support/remark-meta';

/** The presenter's picks in their own words on a call (actions/picks-write.ts): with the menu's items and a remark, one pick command. */
export function picksNamedSubmitted(deps: ListenerDeps): SubmitHandler {
  const T = MODAL_FIELDS;
  return async (s) => {
    const meta = parsePicksMeta(s.privateMetadata);
    if (!meta || meta.ref.phaseId === undefined) return { [T.named]: (await personTr(deps, s.user))('replies:formOutOfDate') };
    const named = s.values.text(T.named, T.named);
    const remark = s.values.text(T.remark, T.remark);
    const command = {
      kind: 'pick' as const,
      phaseId: meta.ref.phaseId,
      items: meta.items,
      ...(named !== undefined ? { named } : {}),
      ...(remark !== undefined ? { remark } : {}),
    };
    return submitCommand(deps, s, meta.ref.sessionId, meta.ref.seq, command, T.named);
  };
}
