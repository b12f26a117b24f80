import { statementModal } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { mayAct, phaseOf } from '../support/phase-click';

/** Write (or rewrite) the statement of a statement phase: opens its modal with what was written so far. */
export function statementWrite(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.say('refusals:movedOn');
    const found = await mayAct(deps, click, tools, { kind: 'statement', phaseId, text: 'x' });
    const phase = found && phaseOf(deps, found.session, found.ref);
    if (!found || phase?.kind !== 'statement') return;
    const ref = { sessionId: found.session.id, seq: found.session.seq, phaseId };
    await tools.open(statementModal(found.session, phase, ref, found.session.statements[phaseId]?.text));
  };
}
