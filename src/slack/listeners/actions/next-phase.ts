import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { stepOrConfirm } from '../support/step-or-confirm';

/** Next phase; past an agreement step, whoever has not agreed is named for the facilitator to confirm. */
export function nextPhase(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.say('refusals:movedOn');
    await stepOrConfirm(deps, click, tools, { kind: 'next-phase', phaseId });
  };
}
