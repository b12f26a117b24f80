import { namedPicksModal } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { mayAct, phaseOf, pickedItems } from '../support/phase-click';
import { encodePicksMeta } from '../support/remark-meta';

/**
 * "Write your picks" on a call: the presenter names the tips that helped most
 * in their own words (they were said aloud). The items chosen in the menu
 * now go with it, in the modal's private_metadata (views/picks-named-submitted.ts).
 */
export function picksWrite(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.say('refusals:movedOn');
    const items = pickedItems(click.state);
    const found = await mayAct(deps, click, tools, { kind: 'pick', phaseId, items, named: 'x' });
    const phase = found && phaseOf(deps, found.session, found.ref);
    if (!found || phase?.kind !== 'choice') return;
    const ref = { sessionId: found.session.id, seq: found.ref.seq, phaseId };
    await tools.open({ ...namedPicksModal(found.session, phase, ref), private_metadata: encodePicksMeta(ref, items) });
  };
}
