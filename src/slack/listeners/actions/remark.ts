import { remarkModal } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { mayAct, phaseOf, pickedItems } from '../support/phase-click';
import { encodeRemarkMeta } from '../support/remark-meta';

/** "What you take away": the picks chosen in the menu now and the remark are committed together, by one command (views/remark-submitted.ts). */
export function remark(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.say('refusals:movedOn');
    // With nothing chosen yet, the engine's answer says what to do ("Please pick 1 to 3 observations").
    const items = pickedItems(click.state);
    const found = await mayAct(deps, click, tools, { kind: 'pick', phaseId, items });
    const phase = found && phaseOf(deps, found.session, found.ref);
    if (!found || phase?.kind !== 'choice') return;
    const ref = { sessionId: found.session.id, seq: found.ref.seq, phaseId };
    await tools.open({ ...remarkModal(found.session, phase, ref), private_metadata: encodeRemarkMeta(ref, items) });
  };
}
