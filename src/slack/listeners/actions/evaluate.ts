import { evaluationModal } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { mayAct, phaseOf } from '../support/phase-click';

/** Evaluate: opens the evaluation modal with the person's earlier answer. */
export function evaluate(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.say('refusals:movedOn');
    const found = await mayAct(deps, click, tools, { kind: 'evaluate', phaseId, useful: 'yes' });
    const phase = found && phaseOf(deps, found.session, found.ref);
    if (!found || phase?.kind !== 'evaluation') return;
    const { session } = found;
    const ref = { sessionId: session.id, seq: session.seq, phaseId };
    await tools.open(evaluationModal(session, phase, ref, click.user === session.presenter, session.evaluations[phaseId]?.[click.user]));
  };
}
