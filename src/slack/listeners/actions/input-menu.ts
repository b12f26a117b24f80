import { inputModal } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { askToClarify, inputAt, openHide } from '../support/guarding';
import { mayAct } from '../support/phase-click';

/**
 * The overflow on an input: Edit / Withdraw for its author while its round is
 * open; Ask to clarify / Hide for the facilitator. The engine checks who
 * chose what, and when.
 */
export function inputMenu(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const { inputId, op } = click.ref ?? {};
    if (inputId === undefined) return tools.say('refusals:movedOn');
    if (op === 'hide') return openHide(deps, click, tools, inputId);
    if (op === 'ask') return askToClarify(deps, tools, inputId);
    if (op === 'withdraw') {
      const result = await tools.dispatch({ kind: 'withdraw', inputId });
      if (result?.ok && !result.duplicate) await tools.say('replies:withdrawn');
      return;
    }
    if (op !== 'edit') return tools.say('refusals:movedOn');
    const found = await mayAct(deps, click, tools, { kind: 'edit', inputId, text: 'x' });
    const at = found && inputAt(deps, found.session, inputId);
    if (!at) return;
    const ref = { sessionId: at.session.id, seq: at.session.seq, phaseId: at.phase.id, round: at.input.round, inputId };
    await tools.open(inputModal(at.session, at.format, at.phase, ref, at.input.text, at.input.spoken === true));
  };
}
