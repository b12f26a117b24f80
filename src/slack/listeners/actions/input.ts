import { isOnCall } from '../../../engine/queries';
import { inputModal } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { mayAct, phaseOf } from '../support/phase-click';
import { sessionFormat } from '../support/speech';

/** "Ask a question", "Give a tip", ... (on a call "Done, with a note"): opens the input modal when it is the person's turn. */
export function input(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const { phaseId, round } = click.ref ?? {};
    if (phaseId === undefined || round === undefined) return tools.say('refusals:movedOn');
    const found = await mayAct(deps, click, tools, { kind: 'input', phaseId, round, text: 'x' });
    const format = found && sessionFormat(deps, found.session);
    const phase = found && phaseOf(deps, found.session, found.ref);
    if (!found || !format || phase?.kind !== 'rounds') return;
    await tools.open(inputModal(found.session, format, phase, { sessionId: found.session.id, seq: found.session.seq, phaseId, round }, undefined, isOnCall(found.session)));
  };
}
