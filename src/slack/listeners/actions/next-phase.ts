import type { ClickHandler } from '../support/guard';
import { MOVED_ON } from '../support/phase-click';
import { stepOrConfirm } from '../support/step-or-confirm';

/** Next phase; past an agreement step, whoever has not agreed is named for the facilitator to confirm. */
export function nextPhase(): ClickHandler {
  return async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.reply(MOVED_ON);
    await stepOrConfirm(click, tools, { kind: 'next-phase', phaseId });
  };
}
