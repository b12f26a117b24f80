import { answerModal, inputLabels } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { mayAct } from '../support/phase-click';
import { sessionFormat } from '../support/speech';
import { phaseById } from '../../../engine/queries';

/** The presenter's Answer on one question: opens the answer modal. */
export function answer(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const inputId = click.ref?.inputId;
    if (inputId === undefined) return tools.say('refusals:movedOn');
    const found = await mayAct(deps, click, tools, { kind: 'answer', inputId, text: 'x' });
    if (!found) return;
    const question = found.session.inputs.find((i) => i.id === inputId);
    const format = sessionFormat(deps, found.session);
    const phase = question && phaseById(format, question.phaseId);
    if (!question || !format || phase?.kind !== 'rounds') return;
    const ref = { sessionId: found.session.id, seq: found.session.seq, phaseId: phase.id, inputId };
    await tools.open(answerModal(found.session, question, ref, inputLabels(found.session, format, phase).get(inputId)));
  };
}
