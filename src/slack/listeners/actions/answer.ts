import { answerModal, inputLabels } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { MOVED_ON, mayAct } from '../support/phase-click';
import { phaseById } from '../../../engine/queries';

/** The presenter's Answer on one question: opens the answer modal. */
export function answer(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const inputId = click.ref?.inputId;
    if (inputId === undefined) return tools.reply(MOVED_ON);
    const found = await mayAct(deps, click, tools, { kind: 'answer', inputId, text: 'x' });
    if (!found) return;
    const question = found.session.inputs.find((i) => i.id === inputId);
    const format = deps.formats.get(found.session.formatId);
    const phase = question && phaseById(format, question.phaseId);
    if (!question || !format || phase?.kind !== 'rounds') return;
    const ref = { sessionId: found.session.id, seq: found.session.seq, phaseId: phase.id, inputId };
    await tools.open(answerModal(question, ref, inputLabels(found.session, format, phase).get(inputId)));
  };
}
