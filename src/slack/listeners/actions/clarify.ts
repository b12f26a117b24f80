import { clarifyModal } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { inputAt } from '../support/guarding';
import { mayAct } from '../support/phase-click';

/** "Clarify O3" (under the input, or in the author's note): opens the form for the one clarification, to its author only. */
export function clarify(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const inputId = click.ref?.inputId;
    if (inputId === undefined) return tools.say('refusals:movedOn');
    const found = await mayAct(deps, click, tools, { kind: 'clarify', inputId, text: 'x' });
    const at = found && inputAt(deps, found.session, inputId);
    if (!at) return;
    await tools.open(clarifyModal(at.session, at.format, at.input, at.label, { sessionId: at.session.id, seq: at.session.seq, phaseId: at.phase.id, inputId }));
  };
}
