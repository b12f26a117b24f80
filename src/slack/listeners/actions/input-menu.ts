import { inputModal } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { MOVED_ON, mayAct } from '../support/phase-click';
import { phaseById } from '../../../engine/queries';

/** Edit / Withdraw on an input: only its author, only while its round is open (the engine checks both). */
export function inputMenu(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const { inputId, op } = click.ref ?? {};
    if (inputId === undefined || (op !== 'edit' && op !== 'withdraw')) return tools.reply(MOVED_ON);
    if (op === 'withdraw') {
      const result = await tools.dispatch({ kind: 'withdraw', inputId });
      if (result?.ok && !result.duplicate) await tools.reply('Your input was withdrawn; it counts as a pass in this round.');
      return;
    }
    const found = await mayAct(deps, click, tools, { kind: 'edit', inputId, text: 'x' });
    const input = found?.session.inputs.find((i) => i.id === inputId);
    const phase = input && found && phaseById(deps.formats.get(found.session.formatId), input.phaseId);
    if (!found || !input || phase?.kind !== 'rounds') return;
    const ref = { sessionId: found.session.id, seq: found.session.seq, phaseId: phase.id, round: input.round, inputId };
    await tools.open(inputModal(phase, ref, input.text, input.spoken === true));
  };
}
